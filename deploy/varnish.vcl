# Varnish in front of Tòa soạn: an alternative to nginx's proxy_cache (keep nginx, or a
# load balancer, for TLS and static files, and point it at Varnish). It follows the
# application's headers: s-maxage is the TTL, stale-while-revalidate the grace a healthy
# site allows (the application shortens both before a scheduled story goes live), and
# stale-if-error how long a copy may stand in for a failing site. It takes the
# application's purge hook:
#   CDN_PURGE_URL=http://127.0.0.1:6081/  CDN_PURGE_METHOD=PURGE
# Check: varnishd -C -f deploy/varnish.vcl >/dev/null
vcl 4.1;

import std;

backend toasoan {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        # Liveness only: with the database away the application still answers (its 503
        # maintenance page), and a sick backend would leave every uncached page a 503.
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

# Who may purge: the app servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.Surrogate-Key) {
            # Every reader's page carries the site's key: one ban refreshes them all.
            ban("obj.http.Surrogate-Key ~ " + req.http.Surrogate-Key);
            return (synth(200, "Banned"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Health probes (newsroom.health) always reach the application.
    if (req.url ~ "^/(healthz|readyz)$") {
        return (pass);
    }
    # The newsroom, previews, the language switch and the view-count beacon.
    if (req.url ~ "^/(quan-tri|xem-truoc|i18n|api)/") {
        return (pass);
    }
    # A logged-in editor always reaches the application.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Readers' pages depend on no cookie: other cookies must not split the cache.
    unset req.http.Cookie;
    if (req.restarts > 0 && req.http.X-Fresh-Only) {
        # See vcl_hit: this copy is past what a healthy site allows.
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_hit {
    # Past its TTL, a copy is served while it is refetched only within the response's own
    # stale-while-revalidate, unless the site is failing (then within stale-if-error).
    if (obj.ttl <= 0s && std.healthy(req.backend_hint)
        && obj.ttl + std.duration(obj.http.X-Stale-While-Revalidate + "s", 0s) <= 0s) {
        set req.http.X-Fresh-Only = "1";
        return (restart);
    }
}

sub vcl_backend_response {
    if (beresp.http.Cache-Control ~ "(private|no-store)" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;
        return (deliver);
    }
    # Varnish takes the TTL from s-maxage (or max-age) itself.
    if (beresp.http.Cache-Control ~ "stale-while-revalidate=[0-9]+") {
        set beresp.http.X-Stale-While-Revalidate = regsub(
            beresp.http.Cache-Control, "^.*stale-while-revalidate=([0-9]+).*$", "\1");
    } else {
        set beresp.http.X-Stale-While-Revalidate = "0";
    }
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1") + "s", 0s);
    }
}

sub vcl_deliver {
    unset resp.http.X-Stale-While-Revalidate;
    unset resp.http.Surrogate-Key;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

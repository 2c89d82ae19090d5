#!/usr/bin/env python3
"""Benchmark the reader's site the production way, from this machine, over loopback.

    .venv/bin/python bench/run.py --database toasoan_bench10k --label 10k

Before anything is measured, ``manage.py generate_live_bench`` and
``manage.py generate_frontpage_bench`` add (once) a story followed live, a live home
edition with every slot filled and a board on the loaded section: the ``home`` and
``section`` targets show them.

What runs: gunicorn with ``newsroom.settings.prod`` (``-c deploy/gunicorn.conf.py`` when
it exists) on PostgreSQL and Redis, serving ``bench/wsgi.py`` (the site plus a "hello
world" view at /__bench/hello/); nginx serving a saved copy of an article page as a static
file; in the ``proxy`` mode, nginx with ``proxy_cache`` in front of gunicorn, honouring the
site's ``Cache-Control``. Load comes from ``wrk`` with 2 threads.

Modes (``--modes``, default ``uncached,cached,proxy``):

``nocache``   PAGE_CACHE=off and FRAGMENT_CACHE=off: every page made from scratch.
``uncached``  PAGE_CACHE=off: every page made by Django (the fragment cache stays on).
``cached``    the page cache on, in Redis: pages served by Django from the cache.
``proxy``     the page cache on and nginx ``proxy_cache`` in front.

In each mode every target is loaded ``--rounds`` times for ``--duration`` seconds, the
targets taking turns (A B C … A B C …) so that drift in the machine hits all alike; the
medians are reported, with ratios to the hello-world view and to nginx's static file
measured in the same mode. SQL queries per page and the admin story list's server time
come from ``bench/pages.py``. Peak worker memory is sampled from /proc during the runs.

Everything listens on 127.0.0.1 only and is stopped at the end, even on errors."""

import argparse
import contextlib
import datetime
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"
APP_PORT = 8461
STATIC_PORT = 8462
PROXY_PORT = 8463
PAGES = ["article", "home", "section", "section_deep", "tag", "search", "rss"]
FLOORS = ["hello", "static"]


def log(message):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# Processes ------------------------------------------------------------------------------


class Gunicorn:
    """gunicorn in its own process group, its workers' memory sampled while it runs."""

    def __init__(self, env, workdir):
        self.env, self.workdir = env, workdir
        self.process = None
        self.peak = {}
        self.sampling = False

    def start(self):
        command = [str(GUNICORN), "bench.wsgi:application"]
        config = ROOT / "deploy" / "gunicorn.conf.py"
        if config.exists():
            command += ["-c", str(config)]
        else:
            command += ["--workers", str(2 * os.cpu_count() + 1)]
        command += ["--bind", f"{HOST}:{APP_PORT}", "--log-level", "warning"]
        command += ["--access-logfile", "/dev/null", "--pid", str(self.workdir / "gunicorn.pid")]
        self.log = open(self.workdir / "gunicorn.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,
        )
        wait_for(f"http://{HOST}:{APP_PORT}/__bench/hello/")
        self.sampling = True
        threading.Thread(target=self._sample, daemon=True).start()

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def rss(self):
        """``{pid: resident memory in MB}`` of the workers now."""
        found = {}
        for pid in self.workers():
            with contextlib.suppress(OSError):
                status = Path(f"/proc/{pid}/status").read_text()
                resident = re.search(r"VmRSS:\s+(\d+)", status)
                if resident:  # not a worker that is exiting
                    found[pid] = int(resident.group(1)) / 1024
        return found

    def _sample(self):
        while self.sampling:
            for pid, mb in self.rss().items():
                self.peak[pid] = max(mb, self.peak.get(pid, 0))
            time.sleep(0.5)

    def stop(self):
        self.sampling = False
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process:
            self.log.close()


class Nginx:
    """nginx with a configuration of ours, in the foreground of its own process group."""

    def __init__(self, workdir, name, server_block):
        self.workdir = workdir / f"nginx-{name}"
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.config = self.workdir / "nginx.conf"
        self.config.write_text(
            NGINX_MAIN.format(workdir=self.workdir, server=server_block.format(workdir=workdir))
        )
        self.process = None

    def start(self, probe):
        self.process = subprocess.Popen(
            ["nginx", "-c", str(self.config), "-p", str(self.workdir), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=open(self.workdir / "stderr.log", "ab"),  # noqa: SIM115
            start_new_session=True,
        )
        wait_for(probe)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGQUIT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


NGINX_MAIN = """
worker_processes auto;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    # Not tcp_nopush: on loopback it holds the last segment of a cached page over 64 KB
    # (the home page) for the peer's delayed ACK, 40 ms per request on a kept-alive
    # connection.
    tcp_nopush off;
    keepalive_requests 100000;
    client_body_temp_path {workdir}/client_body;
    proxy_temp_path {workdir}/proxy_temp;
    fastcgi_temp_path {workdir}/fastcgi_temp;
    uwsgi_temp_path {workdir}/uwsgi_temp;
    scgi_temp_path {workdir}/scgi_temp;
    types {{ text/html html; }}
{server}
}}
"""

STATIC_SERVER = f"""
    server {{{{
        listen {HOST}:{STATIC_PORT};
        root {{workdir}}/static-copy;
        location / {{{{ default_type text/html; }}}}
    }}}}
"""

# The readers' location of deploy/nginx.conf (with deploy/toasoan_proxy.conf), on loopback
# and plain HTTP: nginx keeps what the site's Cache-Control allows (s-maxage), collapses
# concurrent misses, revalidates with If-None-Match, serves stale copies on errors.
PROXY_SERVER = f"""
    proxy_cache_path {{workdir}}/proxy-cache levels=1:2 keys_zone=toasoan_pages:50m
                     max_size=4g inactive=1h use_temp_path=off;
    upstream toasoan {{{{ server {HOST}:{APP_PORT} max_fails=3 fail_timeout=10s; keepalive 64; }}}}
    server {{{{
        listen {HOST}:{PROXY_PORT};
        location / {{{{
            proxy_pass http://toasoan;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_connect_timeout 5s;
            proxy_read_timeout 60s;
            proxy_buffers 16 32k;
            proxy_buffer_size 32k;
            proxy_cache toasoan_pages;
            proxy_cache_key $scheme$host$request_uri;
            proxy_cache_bypass $cookie_sessionid;
            proxy_no_cache $cookie_sessionid;
            proxy_cache_lock on;
            proxy_cache_lock_timeout 5s;
            proxy_cache_lock_age 5s;
            proxy_cache_revalidate on;
            proxy_cache_use_stale error timeout invalid_header http_500 http_502 http_503
                                  http_504;
            proxy_cache_background_update on;
            proxy_hide_header Surrogate-Key;
            add_header X-Cache-Status $upstream_cache_status always;
        }}}}
    }}}}
"""


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                response.read()
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {timeout} s") from None
            time.sleep(0.3)


def fetch(url):
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - loopback
        return response.status, response.read()


# Load -----------------------------------------------------------------------------------


def drain(settled_ms=50, at_most=30):
    """Wait until the application has worked through what wrk left queued when it stopped:
    a slow page's backlog (sixteen feeds at a second each) would otherwise be served
    during the next target's run and be counted against it."""
    deadline = time.monotonic() + at_most
    while time.monotonic() < deadline:
        started = time.monotonic()
        fetch(f"http://{HOST}:{APP_PORT}/__bench/hello/")
        if (time.monotonic() - started) * 1000 < settled_ms:
            return


def wrk(url, duration, connections, script=None, script_args=()):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    if script:
        command += ["-s", str(script)]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def parse_wrk(output):
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.M))
    if set(latency) != {"50", "99"}:
        raise RuntimeError(f"wrk measured nothing:\n{output}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)$", output, re.M)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(latency["50"]),
        "p99": _ms(latency["99"]),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def url_list_script(workdir, name, paths):
    """A list of addresses for ``bench/urls.lua``, one per line."""
    path = workdir / f"{name}.txt"
    path.write_text("\n".join(paths) + "\n")
    return path


def targets(mode, plan, workdir):
    """``{name: (url, script, script_args)}`` for one mode."""
    base = f"http://{HOST}:{PROXY_PORT if mode == 'proxy' else APP_PORT}"
    lua = BENCH / "urls.lua"
    found = {
        "hello": (f"http://{HOST}:{APP_PORT}/__bench/hello/", None, ()),
        "static": (f"http://{HOST}:{STATIC_PORT}/article.html", None, ()),
        "article": (
            base + "/",
            lua,
            (str(url_list_script(workdir, "articles", plan["articles"])),),
        ),
        "home": (base + plan["home"], None, ()),
        "section": (base + plan["section"], None, ()),
        "section_deep": (base + plan["section_deep"], None, ()),
        "tag": (base + plan["tag"], None, ()),
        "search": (base + "/", lua, (str(url_list_script(workdir, "search", plan["search"])),)),
        "rss": (base + plan["rss"], None, ()),
    }
    if plan.get("live"):
        # A story followed live with its 500 updates (manage.py generate_live_bench).
        found["live"] = (base + plan["live"], None, ())
    return found


def warm(mode, plan, args):
    """Every address once (the page cache and the proxy cache filled, templates and
    connections ready in every worker), then a short load on each target."""
    base = f"http://{HOST}:{PROXY_PORT if mode == 'proxy' else APP_PORT}"
    addresses = plan["articles"] + plan["search"]
    addresses += [
        plan[k] for k in ("home", "section", "section_deep", "tag", "rss", "live") if plan.get(k)
    ]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(lambda path: fetch(base + path)[0], addresses))
    bad = [a for a, s in zip(addresses, statuses, strict=True) if s != 200]
    if bad:
        raise RuntimeError(f"not 200: {bad[:5]}")
    with urllib.request.urlopen(base + plan["home"], timeout=60) as response:  # noqa: S310
        log(
            f"{mode}: home page X-Page-Cache {response.headers.get('X-Page-Cache')}, "
            f"X-Cache-Status {response.headers.get('X-Cache-Status')}, "
            f"Cache-Control {response.headers.get('Cache-Control')}"
        )


def run_mode(mode, plan, args, env, workdir):
    env = {
        **env,
        "PAGE_CACHE": "off" if mode in ("nocache", "uncached") else "on",
        "FRAGMENT_CACHE": "off" if mode == "nocache" else "on",
    }
    clear_cache(env)
    gunicorn = Gunicorn(env, workdir)
    proxy = Nginx(workdir, "proxy", PROXY_SERVER) if mode == "proxy" else None
    results = {}
    try:
        gunicorn.start()
        if proxy:
            proxy.start(f"http://{HOST}:{PROXY_PORT}/__bench/hello/")
        log(f"{mode}: warming up")
        warm(mode, plan, args)
        chosen = targets(mode, plan, workdir)
        for url, script, script_args in chosen.values():
            wrk(url, 2, args.connections, script, script_args)
            drain()
        for round_number in range(args.rounds):
            for name, (url, script, script_args) in chosen.items():
                result = wrk(url, args.duration, args.connections, script, script_args)
                results.setdefault(name, []).append(result)
                drain()
                log(
                    f"{mode} round {round_number + 1}/{args.rounds} {name}: "
                    f"{result['rps']:.0f} req/s, p50 {result['p50']:.1f} ms, "
                    f"p99 {result['p99']:.1f} ms"
                    + (f", {result['non_2xx']} non-2xx" if result["non_2xx"] else "")
                )
        after = gunicorn.rss()
    finally:
        if proxy:
            proxy.stop()
        gunicorn.stop()
    return {
        "runs": results,
        "median": {name: summarise(runs) for name, runs in results.items()},
        "worker_mb_peak": round(max(gunicorn.peak.values(), default=0), 1),
        "worker_mb_after": round(max(after.values(), default=0), 1),
        "workers": len(after),
    }


def summarise(runs):
    return {
        "rps": round(statistics.median(r["rps"] for r in runs), 1),
        "p50": round(statistics.median(r["p50"] for r in runs), 2),
        "p99": round(statistics.median(r["p99"] for r in runs), 2),
        "non_2xx": sum(r["non_2xx"] for r in runs),
    }


def clear_cache(env):
    """Remove the benchmark's keys (its own prefix) from Redis."""
    subprocess.run(
        [str(PYTHON), "-c", "from django.core.cache import cache; cache.clear()"],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        check=True,
        capture_output=True,
    )


def django_side(command, env, plan_path=None):
    arguments = [str(PYTHON), str(BENCH / "pages.py"), command]
    if plan_path:
        arguments.append(str(plan_path))
    return subprocess.run(
        arguments,
        cwd=ROOT,
        env={**env, "PAGE_CACHE": "off"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def versions(database_url):
    def out(command):
        try:
            return subprocess.run(command, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"

    return {
        "python": sys.version.split()[0],
        "django": out([str(PYTHON), "-c", "import django; print(django.get_version())"]),
        "gunicorn": out([str(GUNICORN), "--version"]),
        "postgresql": out(["psql", database_url, "-Atc", "SHOW server_version"]),
        "nginx": subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip(),
        "wrk": out(["wrk", "-v"]).splitlines()[0] if shutil.which("wrk") else "?",
        "redis": out(["redis-cli", "-h", HOST, "info", "server"])
        .split("redis_version:")[-1]
        .split()[0],
        "nproc": os.cpu_count(),
        "memory": out(["free", "-h"]).splitlines()[1].split()[1],
        "cpu": out(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo"]).split(":")[-1].strip(),
        "load_before": os.getloadavg(),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="PostgreSQL database name")
    parser.add_argument("--label", required=True, help="e.g. 10k or 1m")
    parser.add_argument("--modes", default="uncached,cached,proxy")
    parser.add_argument("--duration", type=int, default=10, help="seconds per run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--out", type=Path, default=None, help="JSON results file")
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: apt-get install -y nginx wrk")

    workdir = Path(tempfile.mkdtemp(prefix="toasoan-bench-"))
    workdir.chmod(0o755)  # nginx's workers read the static copy as another user
    database_url = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(ROOT)),
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "600",
        "CACHE_URL": args.redis,
        "CACHE_KEY_PREFIX": f"bench-{args.label}",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "WARNING",
        "PYTHONHASHSEED": "0",
    }
    log(f"work directory {workdir}")
    subprocess.run(
        [str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    # What the pages show besides the stories (each command adds nothing the second time):
    # a story followed live with its updates, the home page with every slot of a live
    # edition filled and the loaded section with a board.
    for command in ("generate_live_bench", "generate_frontpage_bench"):
        subprocess.run([str(PYTHON), "manage.py", command], cwd=ROOT, env=env, check=True)
    plan_path = workdir / "plan.json"
    plan_path.write_text(django_side("plan", env))
    plan = json.loads(plan_path.read_text())
    log(f"{plan['stories']} stories, {plan['public_stories']} public; {plan['section_deep']}")
    log(f"boards: {plan['boards']}")
    log("queries per page and the admin story list")
    queries = json.loads(django_side("queries", env, plan_path))
    explain = django_side("explain", env, plan_path)
    log("server time of a story's first view after a change, and of a search made afresh")
    times = json.loads(django_side("times", env, plan_path))

    # The static copy: the first article page as Django makes it (page cache off).
    static = Nginx(workdir, "static", STATIC_SERVER)
    (workdir / "static-copy").mkdir()
    gunicorn = Gunicorn({**env, "PAGE_CACHE": "off"}, workdir)
    try:
        gunicorn.start()
        status, body = fetch(f"http://{HOST}:{APP_PORT}{plan['articles'][0]}")
    finally:
        gunicorn.stop()
    (workdir / "static-copy" / "article.html").write_bytes(body)

    results = {
        "label": args.label,
        "database": args.database,
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": " ".join(sys.argv),
        "settings": {k: vars(args)[k] for k in ("duration", "rounds", "connections")},
        "versions": versions(database_url),
        "plan": {k: v for k, v in plan.items() if k not in ("articles",)},
        "article_page_bytes": len(body),
        "queries": queries,
        "server_times": times,
        "modes": {},
    }
    try:
        static.start(f"http://{HOST}:{STATIC_PORT}/article.html")
        for mode in args.modes.split(","):
            results["modes"][mode] = run_mode(mode, plan, args, env, workdir)
    finally:
        static.stop()
    results["load_after"] = os.getloadavg()
    out = args.out or BENCH / "results" / f"{args.label}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    (out.with_suffix(".explain.md")).write_text(explain)
    print(table(results))
    log(f"results in {out}")
    shutil.rmtree(workdir, ignore_errors=True)


def table(results):
    """The results as Markdown: per mode, each target's medians and ratios."""
    lines = []
    queries = results["queries"]
    for mode, found in results["modes"].items():
        median = found["median"]
        hello, static = median["hello"]["rps"], median["static"]["rps"]
        lines += [
            f"\n**{results['label']}, {mode}** (workers: {found['workers']}, peak RSS "
            f"{found['worker_mb_peak']} MB, after {found['worker_mb_after']} MB)\n",
            "| target | req/s | p50 ms | p99 ms | × hello | × nginx static | SQL fresh / warm |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for name in [n for n in FLOORS + PAGES + ["live"] if n in median]:
            row = median[name]
            sql = queries.get(name, {}).get("queries", "")
            errors = f" ({row['non_2xx']} non-2xx)" if row["non_2xx"] else ""
            lines.append(
                f"| {name}{errors} | {row['rps']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} "
                f"| {row['rps'] / hello:.0%} | {row['rps'] / static:.1%} | {sql} |"
            )
    admin = queries["admin"]
    lines += ["\n| admin story list | server ms | queries |", "|---|---:|---:|"]
    lines += [f"| {k} | {v['ms']} | {v['queries']} |" for k, v in admin.items()]
    times = results.get("server_times")
    if times:
        lines += [
            "\n| one request at a time, fragments on | p50 ms | max ms | requests |",
            "|---|---:|---:|---:|",
            "| a story's first view after a change (its own parts made) | "
            f"{times['article_first_view']['p50']} | {times['article_first_view']['max']} | "
            f"{times['article_first_view']['requests']} |",
            "| a search, its ranking made afresh | "
            f"{times['search_ranked_afresh']['p50']} | {times['search_ranked_afresh']['max']} | "
            f"{times['search_ranked_afresh']['requests']} |",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()

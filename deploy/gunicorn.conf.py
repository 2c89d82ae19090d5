"""gunicorn settings for Tòa soạn, from the environment (see deploy/toasoan.env.example).

    gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi

Workers are processes (one per core and a half is a good start for server-rendered
pages); threads let each worker overlap waiting on PostgreSQL and Redis. Workers restart
after a jittered number of requests so that memory never creeps up and they never all
restart at once."""

import multiprocessing
import os

from gunicorn.glogging import Logger


def _int(name, default):
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2)
threads = _int("GUNICORN_THREADS", 2)
worker_class = "gthread" if threads > 1 else "sync"
# Not too often either: a restarted worker starts with no copies of pages and parts.
max_requests = _int("GUNICORN_MAX_REQUESTS", 50000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 10)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Load the application once in the master: workers share its memory until they write to it.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1").lower() in {"1", "true", "yes", "on"}
# Heartbeat files in memory, not on a disk that may stall (they hold no data).
_MEMORY = "/dev/shm"  # noqa: S108
worker_tmp_dir = _MEMORY if os.path.isdir(_MEMORY) else None
# X-Forwarded-* are trusted from these addresses only (the reverse proxy).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None


class ProbesUnlogged(Logger):
    """The access log without load balancers' probes (``/healthz``, ``/readyz`` every few
    seconds); a failing readiness probe is logged by the application, once a minute."""

    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO") not in {"/healthz", "/readyz"}:
            super().access(resp, req, environ, request_time)


logger_class = ProbesUnlogged
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "toasoan"

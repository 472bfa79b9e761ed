"""Access-log formats for production that record no query string, Referer, User-Agent or address.

A victim's words can travel in a query string (a GET form, a shared link), the page they came
from in the Referer, and their device in the User-Agent; the address identifies them. None of it
helps run the service, so none of it is logged: time, method, path, status, size and duration.

Use them as they are (the `serve` deployment does):
- gunicorn: `--access-logformat "$(python -c 'from config.logformat import GUNICORN; print(GUNICORN)')"`
  or `access_log_format = GUNICORN` in a gunicorn.conf.py;
- nginx: put NGINX in the http block and `access_log /var/log/nginx/recourse.log recourse;`.

`%(U)s` and `$uri` are the path without its query string. tests/config/test_no_traces.py formats
every request of its walk with GUNICORN and checks that no canary reaches the line.
"""

GUNICORN = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
NGINX = "log_format recourse '$time_iso8601 \"$request_method $uri\" $status $body_bytes_sent $request_time';"
# What the formats must never contain: query strings, full request lines, Referer, User-Agent, address.
FORBIDDEN_GUNICORN_ATOMS = ("%(r)s", "%(q)s", "%(f)s", "%(a)s", "%(h)s", "%({")
FORBIDDEN_NGINX_VARIABLES = (
    "$request ", "$request_uri", "$args", "$query_string", "$arg_", "$http_", "$remote_addr",
    "$binary_remote_addr", "$proxy_add_x_forwarded_for",
)  # fmt: skip

"""A log filter that keeps what people type out of the logs.

The development server logs each request line, which includes the query string;
a search box submitted by GET would put a victim's words there. We cut every
request line at the first '?', and drop the request object that Django attaches
to error records (it carries the body). Django's template engine logs, at DEBUG, every variable
it could not resolve together with the whole template context (the question being answered
included), so those records are dropped at any configured level.
"""

import logging
import re

_QUERY = re.compile(r"\?[^\s\"]*")


class DropRequestDetail(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.template") and record.levelno < logging.INFO:
            return False
        if isinstance(record.msg, str) and "?" in record.msg:
            record.msg = _QUERY.sub("?…", record.msg)
        if record.args:
            record.args = tuple(_QUERY.sub("?…", a) if isinstance(a, str) else a for a in record.args)
        if hasattr(record, "request"):
            record.request = None
        return True

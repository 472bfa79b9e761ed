"""What a link points at: a mirror, a homepage, a bill, or the law's own text; and whose site it is.

A victim or a lawyer who follows a law's link must land on the operative text, from the office that
publishes it. These checks are how the content validator keeps links honest:

- mirror and proxy hosts (static-site hosting, CDN buckets, translation proxies, staging builds) are
  refused: a copy can be stale or altered, and its origin cannot be seen (kept as data in
  data/mirror_hosts.txt);
- a bare homepage or a bill page is not "the law": allowed only for bills, or with a note saying why;
- "official" means a source on one of the place's official domains (a jurisdiction's
  `official_domains`, inherited down the parent chain).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

MIRROR_HOSTS_FILE = Path(__file__).with_name("data") / "mirror_hosts.txt"

# Path words that mark a bill or legislative-process page rather than a statute.
_BILL_PATTERN = re.compile(
    r"(?:^|[/_.=?&-])(?:"
    # "bills" as a word, but not Montana's code (/bills/mca/) or Oregon's statutes (/bills_laws/ors/)
    r"bills?(?!/mca)(?![_-]?laws)|billtext|billinfo|billstatus|getbill|legisinfo|"
    r"dossiers?legislatifs?|projets?-de-loi|gesetzentwurf|drucksache|"
    # bill numbers: HB1529, sb25-288, SB175, A3540 (a letter code followed by digits); a lone letter
    # after "<digit><letter>-" is a section in a code viewer (Utah's 76-5b-S203), not a bill
    r"(?:hb|sb|ab|hf|sf|ld|lb|(?<!\d[a-z]-)[ash])\d{2,5}"
    r")(?:[/_.=?&-]|\d|$)",
    re.IGNORECASE,
)
# Path endings that are only a site's front page.
_HOME_PATHS = {"", "/", "/index.html", "/index.htm", "/index.php", "/home", "/en", "/en/", "/home.aspx"}


def host_of(url: str) -> str:
    """The lower-case host name, without a trailing dot or a leading www."""
    host = (urlparse(url).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


@cache
def _mirror_rules() -> tuple[tuple[str, ...], tuple[str, ...]]:
    suffixes, prefixes = [], []
    for line in MIRROR_HOSTS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip().lower()
        if not line or line.startswith("#"):
            continue
        (prefixes if line.endswith(".") else suffixes).append(line)
    return tuple(suffixes), tuple(prefixes)


def is_mirror(url: str) -> bool:
    """True for a copy or proxy host, and for host names written with a trailing dot."""
    raw = (urlparse(url).hostname or "").lower()
    if raw.endswith("."):
        return True
    host = raw.removeprefix("www.")
    suffixes, prefixes = _mirror_rules()
    return any(host == s or host.endswith("." + s) for s in suffixes) or any(
        host.startswith(p) or f".{p}" in host for p in prefixes
    )


def is_homepage(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.path.lower() in _HOME_PATHS and not parsed.query and not parsed.fragment


def is_bill_page(url: str) -> bool:
    parsed = urlparse(url)
    if "/eli/" in parsed.path.lower():
        # A European Legislation Identifier names an enacted act; its gazette part (/a323/) is no bill number.
        return False
    return bool(_BILL_PATTERN.search(f"{parsed.path}?{parsed.query}"))


def url_kind(url: str) -> str:
    """'homepage', 'bill' or 'text' (the law's own text, as far as the address tells)."""
    if is_homepage(url):
        return "homepage"
    if is_bill_page(url):
        return "bill"
    return "text"


def on_domains(url: str, domains: Iterable[str]) -> bool:
    """True when the URL's host is one of the domains or a subdomain of one."""
    host = host_of(url)
    return any(host == d or host.endswith("." + d) for d in (d.lower().removeprefix("www.") for d in domains))

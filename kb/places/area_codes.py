"""North American area codes people give as where they are ("757 here", "the 618"), read with Google's
libphonenumber data (the `phonenumbers` package, maintained with the numbering plan): no list of our own.

Its geocoder loads every country's data at once (about 100 MB), so the table of area codes is made
once in a child process and kept beside the gazetteer's disk cache (kb/places/gazetteer.py); a
server only reads that small file.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

log = logging.getLogger(__name__)
_STATE_SUFFIX = re.compile(r",\s*([A-Z]{2})$")
_lock = threading.Lock()
_table: dict[str, str] | None = None


def area_code_subdivision(code: str) -> str:
    """The ISO 3166-2 code of the US state or Canadian province an area code serves ("757" → "US-VA",
    "416" → "CA-ON"); "" for a number that is no geographic area code (911, 555, 800)."""
    return _area_codes().get(code, "")


def _area_codes() -> dict[str, str]:
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                _table = _load_or_make()
    return _table


def _load_or_make() -> dict[str, str]:
    from kb.places.gazetteer import gazetteer_cache_path

    path = gazetteer_cache_path().with_suffix(".areacodes.json")
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        pass
    try:
        made = subprocess.run(
            # This file run as a script: it imports nothing of the project (nor Django).
            [sys.executable, str(Path(__file__).resolve())],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        table = json.loads(made.stdout)
    except (OSError, ValueError, subprocess.SubprocessError):
        log.exception("could not read the area codes from phonenumbers")
        return {}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".areacodes-", suffix=".json")
        with os.fdopen(fd, "w") as f:
            json.dump(table, f)
        os.replace(tmp, path)
    except OSError:
        log.warning("could not cache the area codes under %s", path.parent)
    return table


def area_codes_make() -> dict[str, str]:
    """Every geographic area code of the United States and Canada, with the subdivision it serves."""
    import phonenumbers
    import pycountry
    from phonenumbers import geocoder

    out = {}
    for n in range(200, 1000):
        number = phonenumbers.parse(f"+1{n}2345678")
        region = phonenumbers.region_code_for_number(number)
        if region not in ("US", "CA") or not phonenumbers.is_valid_number(number):
            continue
        where = geocoder.description_for_number(number, "en")
        if m := _STATE_SUFFIX.search(where):  # "Belleville, IL", "Etobicoke, ON"
            iso = f"{region}-{m.group(1)}"
            if pycountry.subdivisions.get(code=iso):
                out[str(n)] = iso
            continue
        for sub in pycountry.subdivisions.get(country_code=region) or ():  # "Virginia", "British Columbia"
            if sub.name == where:
                out[str(n)] = sub.code
    return out


if __name__ == "__main__":
    print(json.dumps(area_codes_make()))

"""Spotting that the person shown is under 18, from what someone wrote.

Errs towards the child-protection path: a false "minor" still gives every adult resource
too, but a missed minor could send a child to an adult-only service.
"""

import re

_AGE = re.compile(
    r"\b(?:i\s*(?:am|'m|\u2019m|was)|im|she\s*(?:is|'s)|he\s*(?:is|'s)|they\s*(?:are|'re)|aged?|only)\s*(\d{1,2})\b"
    r"|\b(\d{1,2})[\s-]*(?:years?[\s-]*old|yrs?[\s-]*old|yo|y/o)\b",
    re.IGNORECASE,
)
_WORDS = re.compile(
    r"\b(?:minor|minors|underage|under[- ]age|under\s*18|child|children|kid|kids|teen|teens|teenager|"
    r"daughter|son|my\s+(?:girl|boy)|student|pupil|classmate|classmates|high\s*school|middle\s*school|"
    r"secondary\s*school|school|year\s*\d{1,2}|grade\s*\d{1,2}|csam|child\s*abuse)\b",
    re.IGNORECASE,
)


def minor_detect(text: str) -> bool:
    for match in _AGE.finditer(text):
        age = int(match.group(1) or match.group(2))
        if 0 < age < 18:
            return True
    return bool(_WORDS.search(text))

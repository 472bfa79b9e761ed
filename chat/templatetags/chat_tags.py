"""Small template filters for the guided help."""

import re

from django import template

register = template.Library()

_ABBREVIATIONS = {
    "s",
    "ss",
    "art",
    "arts",
    "no",
    "nos",
    "e.g",
    "i.e",
    "u.s",
    "u.k",
    "st",
    "mr",
    "ms",
    "dr",
    "v",
    "vs",
    "etc",
}


@register.filter
def first_sentence(markdown: str, max_words: int = 45) -> str:
    """The opening sentence of a record's body, as plain text: what the record is.

    Abbreviations that end in a full stop ("s. 474.17", "U.S. Code", "art. 5") do not end it.
    """
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown or "")
    text = re.sub(r"[#*_`>]", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    for match in re.finditer(r"[.!?](?=\s+[\"“(A-Z]|$)", text):
        word = re.search(r"([\w.]+)$", text[: match.start()])
        if match.group(0) == "." and word and word.group(1).lower().strip(".") in _ABBREVIATIONS:
            continue
        text = text[: match.end()]
        break
    words = text.split()
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


@register.filter
def tel(phone: str) -> str:
    """A dialable number from a phone field such as "1-800-843-5678 (1-800-THE-LOST)"; "" if none."""
    numbers = [re.sub(r"[^\d+]", "", run) for run in re.findall(r"\+?\d[\d\s.-]*\d|\d+", phone or "")]
    return next((n for n in numbers if len(n) >= 7), None) or next((n for n in numbers if len(n) >= 3), "")


_EVIDENCE_STEP = re.compile(r"^(save|keep|take (a )?screenshots?|write down|copy)\b", re.IGNORECASE)


@register.filter
def lead_step(steps: list[str]) -> str:
    """The step a card leads with: the first action that is not about saving evidence.

    Saving evidence is the plan's own step, so "Tap the three dots … and choose Report" leads, not
    "Save the link and username".
    """
    steps = [s for s in steps or [] if s]
    return next((s for s in steps if not _EVIDENCE_STEP.match(s)), steps[0] if steps else "")

"""Composing the short Markdown answer from ranked records.

Every sentence about the law or a service is lifted from a record's own text and links to it,
so each one is traceable to a reviewed, cited record; the glue words around them are fixed UI
text. A bill is always called a bill.
"""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils.translation import gettext as _

from chat.results import AskResult
from kb.vocab import LawStatus

STATUS_WORDS = {
    LawStatus.IN_FORCE: "in force",
    LawStatus.ENACTED: "passed, not yet in force",
    LawStatus.BILL: "a bill — not law",
    LawStatus.FAILED: "a failed bill — not law",
    LawStatus.REPEALED: "repealed",
}


def first_sentence(markdown: str, max_words: int = 40) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown or "")
    text = re.sub(r"[#*_`>]", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    words = sentence.split()
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


def _first_bold(markdown: str) -> str:
    """The first sentence a record's author put in bold: the line they most want read."""
    match = re.search(r"\*\*(.+?)\*\*", markdown or "")
    return match.group(1).strip() if match else ""


def _law_line(law) -> str:
    name = law.short_name or law.title
    status = STATUS_WORDS.get(law.status, law.status)
    line = f"- **{name}** ({law.citation}; {law.jurisdiction.name}; {status}): {first_sentence(law.body)}"
    return f"{line} [{_('Details')}]({reverse('kb:law', args=[law.id])})"


def _channel_line(channel) -> str:
    contact = f" {_('Phone')}: {channel.phone}." if channel.phone else ""
    return (
        f"- **{channel.name}** ({channel.get_kind_display().lower()}): {first_sentence(channel.body)}{contact} "
        f"[{_('Details')}]({reverse('kb:channel', args=[channel.id])})"
    )


def answer_compose(result: AskResult, *, emergency: str) -> str:
    d = result.detection
    lines: list[str] = []
    if result.danger:
        number = emergency or "your local emergency number"
        lines.append(f"**{_('If you are in danger right now, call')} {number}.**")
        lines.append("")
    if d.needs_jurisdiction:
        lines.append(
            f"**{_('Where do you live?')}** "
            + _(
                "Laws and places to report depend on where you live. Tell me your country, and your state or "
                "province if you have one."
            )
        )
        if d.alternatives:
            options = " or ".join(f"{p.name} ({p.code})" for p in d.alternatives)
            lines.append(f"{_('Did you mean')} {options}?")
        if d.note:
            lines.append(d.note)
        lines.append("")
        lines.append(_("Meanwhile, these help wherever you live:"))
    else:
        where = f"**{d.name}**" + (f" — {d.note}" if d.note else "")
        lines.append(f"{_('For')} {where}:")
    lines.append("")
    if result.language != "en":
        lines.append(_("The knowledge base is written in English, so the records below are in English."))
        lines.append("")
    if result.question_minor:
        minors_guide = next((r.record for r in result.guides if r.record.topic == "minor"), None)
        reassurance = _first_bold(minors_guide.body) if minors_guide else ""
        if reassurance:
            url = reverse("kb:guide", args=[minors_guide.id])
            lines.append(f"**{reassurance}** ([{minors_guide.title}]({url}))")
        lines.append(
            _(
                "Because the person shown is under 18: do not copy, save or forward the image, even to report it. "
                "Report the link or username instead. The services for children below come first."
            )
        )
        lines.append("")
    if result.laws:
        lines.append(f"### {_('What the law says here')}")
        lines.extend(_law_line(r.record) for r in result.laws)
        lines.append("")
    if result.channels:
        lines.append(f"### {_('Where to report or get help')}")
        lines.extend(_channel_line(r.record) for r in result.channels)
        lines.append("")
    if result.guides:
        lines.append(f"### {_('What to do first')}")
        lines.extend(
            f"- [{r.record.title}]({reverse('kb:guide', args=[r.record.id])})"
            + (f": {r.record.summary}" if r.record.summary else "")
            for r in result.guides
        )
        lines.append("")
    if not (result.laws or result.channels or result.guides):
        lines.append(
            _(
                "I could not find anything in the knowledge base that matches. Try other words, or start "
                "the guided help."
            )
        )
        lines.append("")
    lines.append("_" + _("General information from a curated knowledge base, not legal advice.") + "_")
    return "\n".join(lines).strip() + "\n"

"""What kind of help a channel gives, and what kind of help a question asks for.

Roles: support (helplines, counselling, crisis lines), removal (hash-blocking, platform and search
forms), report (police, regulators, hotlines), legal (legal aid, clinics). A channel's role comes
from its kind; its situation tags add the roles the kind alone misses, so a hotline tagged
"prosecution" and "removal" (Cybertip.ca, NCMEC's CyberTipline) counts for reporting and removal
without a hand list. A helpline tagged only for removal is a reporting hotline, not a listening one.
"""

from __future__ import annotations

import re

from kb.vocab import ChannelKind

SUPPORT, REMOVAL, REPORT, LEGAL = "support", "removal", "report", "legal"
ROLES = (SUPPORT, REMOVAL, REPORT, LEGAL)
KIND_ROLE = {
    ChannelKind.PLATFORM: REMOVAL,
    ChannelKind.HASH_BLOCKING: REMOVAL,
    ChannelKind.SEARCH_REMOVAL: REMOVAL,
    ChannelKind.HELPLINE: SUPPORT,
    ChannelKind.SUPPORT: SUPPORT,
    ChannelKind.REGULATOR: REPORT,
    ChannelKind.POLICE: REPORT,
    ChannelKind.LEGAL_HELP: LEGAL,
}
TAG_ROLE = {
    "prosecution": REPORT,
    "removal": REMOVAL,
    "stop_spread": REMOVAL,
    "compensation": LEGAL,
    "support": SUPPORT,
}
PLATFORM_FORMS = {ChannelKind.PLATFORM, ChannelKind.SEARCH_REMOVAL}


def channel_roles(*, kind: str, tags: list[str] | tuple[str, ...]) -> frozenset[str]:
    """The roles a channel covers, from its kind and its situation tags."""
    roles = {KIND_ROLE.get(kind, SUPPORT)}
    if kind in PLATFORM_FORMS:
        return frozenset(roles)  # a platform's form removes; it is not a helpline or a regulator
    if kind == ChannelKind.HELPLINE and "support" not in tags and any(t in tags for t in TAG_ROLE):
        roles = {REPORT}  # a hotline that takes reports (IWF, INHOPE members), not a listening line
    roles.update(TAG_ROLE[t] for t in tags if t in TAG_ROLE)
    return frozenset(roles)


# What the question asks for, in the languages the knowledge base answers (folded: no accents).
_NEEDS = {
    SUPPORT: r"talk\w*\s+to\s+(?:someone|somebody|anyone)|someone\s+to\s+talk|helpline|hotline|counsel\w*|"
    r"support|emotional|scared|anxious|panic|can'?t\s+cope|overwhelmed|who\s+can\s+help|where\s+can\s+i\s+get\s+help|"
    r"hablar\s+con|apoyo|ayuda|parler\s+a|soutien|aide|conversar|apoio|ajuda|parlare\s+con|supporto|aiuto|"
    r"reden|sprechen|hilfe|beratung|"
    # "who do I ring", "a quién recurro", "an wen kann ich mich wenden": someone to turn to.
    r"who\s+(?:can|do|should|could)\s+(?:i|we)\s+(?:call|ring|phone|speak\s+to|turn\s+to)|"
    r"a\s+quien\s+(?:recurr\w*|acud\w*|llam\w*)|a\s+qui\s+(?:m'adresser|parler|appeler)|"
    r"a\s+quem\s+(?:recorr\w*|ligar|pedir)|a\s+chi\s+(?:rivolg\w*|chiedere)|an\s+wen\s+\w+\s+\w+\s+(?:mich|uns)\s+wenden",
    REMOVAL: r"remov\w*|take\s*(?:it|them|this|that)?\s*down|taken\s+down|takedown|delet\w*|get\s+(?:it|them)\s+off|"
    r"stop\s+(?:it|them)\s+(?:from\s+)?spread\w*|spreading|borrar|eliminar|quitar|retirar|supprim\w*|retir\w*|"
    r"effac\w*|apagar|remover|rimuov\w*|cancell\w*|losch\w*|entfern\w*",
    REPORT: r"report\w*|police|cops?|press\s+charges|prosecut\w*|arrest\w*|criminal\s+complaint|complain\w*|"
    r"gardai|garda|the\s+guards|"
    r"denunci\w*|policia|plainte|signal\w*|gendarm\w*|polizia|carabinieri|segnal\w*|anzeige|polizei|melden",
    LEGAL: r"\bsue\b|\bsuing\b|lawsuit|lawyer|attorney|solicitor|legal\s+aid|compensation|damages|civil\s+(?:claim|action|case)|"
    r"court\s+order|demand\w*|abogad\w*|indemniz\w*|avocat|poursuiv\w*|advogad\w*|process\w*|indeniz\w*|"
    r"avvocat\w*|fare\s+causa|risarciment\w*|anwalt\w*|verklag\w*|schadensersatz|schmerzensgeld",
}
_NEEDS_RE = {role: re.compile(rf"\b(?:{pattern})", re.IGNORECASE) for role, pattern in _NEEDS.items()}
_WHO_CAN_HELP = re.compile(
    r"\b(?:who|where)\s+(?:can|could|should|do)\s+(?:i|we|she|he|they)?\s*(?:get\s+)?(?:help|turn|call|contact|talk)|"
    r"\bwho\s+(?:can|could)\s+help|\b(?:quien|quién)\s+(?:me\s+)?puede\s+ayudar|\bqui\s+peut\s+m'?aider|"
    r"\bquem\s+pode\s+(?:me\s+)?ajudar|\bchi\s+pu[oò]\s+aiutarmi|\bwer\s+kann\s+(?:mir\s+)?helfen",
    re.IGNORECASE,
)


def needs_detect(text: str) -> list[str]:
    """The roles a question asks for, in ROLES order; empty when it does not say."""
    from kb.places.text import fold

    folded = fold(text)
    return [role for role in ROLES if _NEEDS_RE[role].search(folded)]


def asks_who_can_help(text: str) -> bool:
    """ "Who can help me?": the answer leads with the national helpline."""
    return bool(_WHO_CAN_HELP.search(text))

"""The words around a place that say whose place it is, in the languages we support.

"I live in", "here in", "from" mark the asker's residence; "not in" rules a place out; "my abuser
is in", "he moved to" tie it to someone else. Each pattern is matched against the few words just
before a place name, folded (no accents, lower case), so "j'habite à" and "j'habite a" are one cue.
"""

from __future__ import annotations

import re

from kb.places.text import fold

_WINDOW = 48  # characters before a name that a cue may occupy

_RESIDENCE = [
    # English
    r"\b(?:i|we)\s*(?:'m|\u2019m|am|are|'re|\u2019re)?\s*(?:live|living|based|located|staying|settled|reside|residing)"
    r"\s+(?:here\s+)?(?:in|at|near|outside|on)(?:\s+the)?",
    r"\b(?:i\s*(?:'m|\u2019m|am)|im|we\s*(?:'re|\u2019re|are))\s+(?:still\s+|now\s+|currently\s+|actually\s+)?"
    r"(?:in|near|at|based\s+in|over\s+in|out\s+in|(?:back\s+)?home\s+in)(?:\s+the)?",
    # "I moved from Spain to Portimão", and "Moved from Spain to …" opening a sentence.
    r"(?:\b(?:i|we)\s+|(?:^|[.!?,;]\s*)(?:and\s+|but\s+)?)(?:moved|relocated)\s+(?:back\s+)?(?:from\s+(?:[\w'-]+\s+){1,3})?to(?:\s+the)?",
    r"\bnow\s+(?:i\s+)?(?:living|working|studying|based|staying|live|work|study)\s+(?:in|at)(?:\s+the)?",
    r"\b(?:here|back\s+home)\s+in(?:\s+the)?",
    r"(?:^|[,;.]\s*)(?:and\s+)?me\s+in(?:\s+the)?",  # "ex in Dublin, me in Belfast"
    r"\b(?:resident|citizen)\s+of(?:\s+the)?",
    r"\bmy\s+(?:home|house|city|town|state|country|province)\s+is\s+(?:in\s+)?(?:the\s+)?",
    r"\b(?:live|living)\s+in(?:\s+the)?",
    # Spanish
    r"\b(?:vivo|resido|estoy|vivimos|estamos)\s+(?:aqui\s+)?(?:en|cerca\s+de)(?:\s+(?:el|la|los))?",
    r"\baqui\s+en",
    # French
    r"\b(?:j'|j\u2019|je\s+)?(?:habite|vis|reside|demeure)\s+(?:a|en|au|aux|dans|pres\s+de)(?:\s+(?:le|la|les|l'))?",
    r"\bici\s+(?:a|en|au)",
    # Portuguese
    r"\b(?:moro|vivo|resido|estou|moramos)\s+(?:em|no|na|nos|nas|perto\s+de)",
    r"\baqui\s+(?:em|no|na)",
    # Italian
    r"\b(?:vivo|abito|risiedo|sto|viviamo|abitiamo)\s+(?:a|in|ad|nel|nella|vicino\s+a)",
    r"\bqui\s+(?:a|in)",
    # German
    r"\bhier\s+in",
    r"\bje\s+suis\s+(?:a|en|au)",
    r"\bsono\s+(?:a|in)",
    r"\b(?:ich\s+|wir\s+)?(?:wohne|wohn|lebe|bin|wohnen|leben|sind)\s+(?:\w+\s+){0,4}?(?:in|im|bei|nahe)(?:\s+(?:der|dem))?",
    # "home is Llandudno", "but home is in Cork".
    r"\b(?:my\s+)?home\s+is\s+(?:in\s+)?(?:the\s+)?",
    # A word between the verb and the place: "wohne aber in Malmö", "I actually live in", "vivo ahora en".
    r"\b(?:i|we)\s+(?:now|actually|currently|still|really)\s+live\s+(?:in|near)(?:\s+the)?",
    r"\b(?:vivo|vivimos|moro|moramos|habite|habitons|abito|abitiamo)\s+(?:ahora|agora|maintenant|ora|adesso|aun|ainda)\s+"
    r"(?:en|em|no|na|a|au|in)(?:\s+(?:el|la))?",
    # Working or studying there, said of oneself: "from Kerala but working in Sharjah", "doing my master's in Würzburg".
    r"\b(?:i\s*(?:'m|\u2019m|am)|im|but|now)\s+(?:now\s+)?(?:working|studying|doing\s+my\s+[\w']+)\s+(?:in|at)(?:\s+the)?",
]
# Where the person comes from: their place too, unless they say where they live now ("soy de Jalisco pero
# vivo en Monterrey", "I'm from Lagos but I live in London").
_ORIGIN = [
    r"\b(?:i\s*(?:'m|\u2019m|am)|im|we\s*(?:'re|\u2019re|are))\s+(?:originally\s+)?from(?:\s+the)?",
    r"\b(?:soy|somos)\s+de(?:\s+(?:el|la))?",
    r"\bje\s+suis\s+(?:de|du|originaire\s+de)",
    r"\b(?:sou|somos)\s+(?:de|do|da)",
    r"\bsono\s+(?:di|della|del)",
    r"\b(?:ich\s+|wir\s+)?(?:bin|komme|sind|kommen)\s+aus(?:\s+(?:der|dem))?",
]
_WEAK_RESIDENCE = [r"\b(?:from|in|near|desde|en|em|a|au|aus|nel|im)(?:\s+the)?"]
_NEGATED = [
    r"\b(?:not|never|no\s+longer|isn't|isnt|wasn't|don't|dont|do\s+not|doesn't|nicht|nie|non|nao|pas|jamais|"
    r"ni|nunca|kein|keine)\s+(?:\w+\s+){0,3}(?:in|from|at|en|em|a|au|aux|in|im|aus|de|da|do|di|nel|nella)(?:\s+the)?",
    # Spanish "no" before a verb ("no vivo en Texas"); Portuguese "no" is "in the" ("no 8º ano em Sorocaba").
    r"\bno\s+(?:\w+\s+){0,2}?(?:vivo|vivimos|vive|viven|estoy|estamos|esta|estan|soy|somos|es|son|resido|"
    r"live|lives|living|lived)\s+(?:\w+\s+){0,2}?(?:in|from|at|en|de|a)(?:\s+the)?",
    r"\b(?:moved|moving|fled|escaped|left)\s+(?:away\s+)?from(?:\s+the)?",
    r"\b(?:i|we)\s+(?:left|fled)(?:\s+the)?",
    r"\bnot(?:\s+the)?",
    # A former home is not where the person lives now: "I used to live in Texas", "I grew up in Ohio".
    r"\b(?:used\s+to|previously|formerly|once)\s+(?:live|lived|living|be|was|stay|stayed)\s+(?:in|at|near)(?:\s+the)?",
    r"\b(?:i|we)\s+(?:grew\s+up|was\s+born|were\s+born|lived)\s+(?:in|at|near)(?:\s+the)?",
    r"(?:^|[,;.]\s*)(?:originally|born)\s+(?:from|in)(?:\s+the)?",  # "originally from Kerala, now in …"
    r"\b(?:vivia|vivi|morava|morei|abitavo|habitais|j'habitais|wohnte|lebte)\s+(?:en|em|no|na|a|in|au|im)(?:\s+(?:el|la|der|dem))?",
    # Where a website or its servers are is not where the person lives: "it's hosted in Russia".
    r"\b(?:hosted|servers?|registered|alojad[oa]|hospedad[oa]|heberge|gehostet)\s+(?:\w+\s+){0,2}(?:in|on|en|em|a|au|im)(?:\s+the)?",
]
_SOMEONE = (
    r"\b(?:he|she|they|hes|shes|theyre|him|her|them|abuser|ex|boyfriend|girlfriend|husband|wife|partner|stalker|guy|man|woman|"
    r"person|perpetrator|offender|attacker|harasser|bf|gf|who|el|ella|il|elle|lui|ele|lei|er|sie|agresor|"
    r"agresseur|aggressore|agressor|tater|mi\s+ex|mon\s+ex|mein\s+ex|meu\s+ex|il\s+mio\s+ex)\b"
)
_SOMEONE_ELSE = [
    # "says hes in nigeria": the contraction typed without its apostrophe.
    r"\b(?:hes|shes|theyre)\s+(?:now\s+|still\s+|back\s+)?(?:in|from|at)(?:\s+the)?",
    _SOMEONE
    + r"\s*(?:'s|\u2019s|is|was|are|were|lives|lived|living|moved|went|stays|works|vive|esta|se\s+mudo|"
    r"habite|est|vit|mora|esta|abita|vive|e|wohnt|lebt|ist)\s+(?:now\s+|still\s+|back\s+)?"
    r"(?:deployed\s+|stationed\s+|posted\s+|working\s+|living\s+|staying\s+|studying\s+)?"
    r"(?:in|to|from|at|en|a|au|em|no|na|in|nach|aus)(?:\s+the)?",
    _SOMEONE + r"\s+(?:\w+\s+){0,2}(?:from|de|aus|di|da)(?:\s+the)?",
    # "my ex in Sydney", "mi ex en Lima": the person's place, not the asker's (a child's is: "my son in Cork").
    r"(?:\b(?:abuser|ex|stalker|perpetrator|offender|attacker|harasser|agresor|agresseur|aggressore|agressor|tater)|"
    r"\b(?:my|her|his|the|our|mi|mon|ma|meu|mein|il\s+mio)\s+(?:boyfriend|girlfriend|husband|wife|partner|bf|gf))"
    r"\s+(?:(?:back|still|now|over)\s+)?"
    r"(?:in|en|em|a|au|im|nel|nella|no|na)(?:\s+the)?",
    # "the guy who made the deepfake is in Russia": a few words between the person and where they are,
    # none of them the asker ("he posted it and I'm in Texas" is the asker's own place).
    _SOMEONE + r"\s+(?:(?!(?:i|im|me|we|my|yo|je|eu|io|ich)\b)[\w']+\s+){1,5}"
    r"(?:is|was|lives|lived|living|moved|went|stays|works|vive|vit|mora|abita|wohnt|lebt)\s+(?:now\s+|still\s+)?"
    r"(?:in|to|at|en|a|au|em|no|na|nach)(?:\s+the)?",
]


# "sue my ex in Texas", "report him in Ohio": the place of the legal action, which is the place asked about.
_ACTION = [
    r"\b(?:sue|suing|report|reporting|charge|charging|prosecute|demandar|denunciar|denunciarlo|poursuivre|"
    r"processar|denunciare|verklagen|anzeigen)\s+(?:my\s+|mi\s+|mon\s+|meu\s+|il\s+mio\s+|meinen\s+)?"
    r"(?:him|her|them|lo|la|le|\w+)\s+(?:in|en|em|a|au|im|no|na)(?:\s+the)?",
]


def _compile(patterns: list[str]) -> re.Pattern:
    return re.compile("(?:" + "|".join(patterns) + r")\s*$")


_RESIDENCE_RE = _compile(_RESIDENCE)
_ORIGIN_RE = _compile(_ORIGIN)
_WEAK_RE = _compile(_WEAK_RESIDENCE)
_NEGATED_RE = _compile(_NEGATED)
_SOMEONE_RE = _compile(_SOMEONE_ELSE)
_ACTION_RE = _compile(_ACTION)

RESIDENCE, ORIGIN, WEAK, NEGATED, SOMEONE_ELSE, NONE = (
    "residence", "origin", "weak", "negated", "someone_else", ""
)  # fmt: skip


def is_own_place(cue: str) -> bool:
    """The person says the place is theirs: where they live, or where they are from."""
    return cue in (RESIDENCE, ORIGIN)


def cue_before(text: str, start: int) -> str:
    """What the words just before `start` say about the place named there."""
    before = fold(text[max(0, start - _WINDOW) : start]).replace("\u2019", "'")
    before = re.sub(r"[^\w'\s,;.]", " ", before)
    before = re.sub(r"\s+", " ", before)
    if _NEGATED_RE.search(before):
        return NEGATED
    if _SOMEONE_RE.search(before) and not _ACTION_RE.search(before):
        return SOMEONE_ELSE
    if _RESIDENCE_RE.search(before):
        return RESIDENCE
    if _ORIGIN_RE.search(before):
        return ORIGIN
    if _WEAK_RE.search(before):
        return WEAK
    return NONE

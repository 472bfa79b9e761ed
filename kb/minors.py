"""Spotting that the person shown is under 18, from what someone wrote.

Errs towards the child-protection path: a false "minor" still gives every adult resource too,
but a missed minor could send a child to an adult-only service. Only words that say an age do:
an age under 18, "teen", "high school", "year 9". Words that are about school but not about age
("I'm a PhD student", "my school's alumni group", "classmates" at university) are not.
"""

import re

_AGE = re.compile(
    r"\b(?:i\s*(?:am|'m|\u2019m|was)|im|she\s*(?:is|'s|was)|he\s*(?:is|'s|was)|they\s*(?:are|'re|were)|aged?|only|"
    r"tengo|tiene|j'ai|il\s+a|elle\s+a|tenho|tem|ho|ha|ich\s+bin|sie\s+ist|er\s+ist)\s*(\d{1,2})\b"
    r"|\b(\d{1,2})[\s-]*(?:years?[\s-]*old|yrs?[\s-]*old|yo|y/o|anos|años|ans|anni|jahre(?:\s+alt)?)\b",
    re.IGNORECASE,
)
_WORDS = re.compile(
    r"\b(?:minor|minors|underage|under[- ]age|under\s*18|child|children|kid|kids|teen|teens|teenager|teenage|"
    r"daughter|(?:my|our|his|her|their)\s+son|my\s+(?:girl|boy)|high\s*school|middle\s*school|junior\s*high|secondary\s*school|"
    r"primary\s*school|elementary\s*school|year\s*(?:[5-9]|1[0-3])\b|grade\s*(?:[5-9]|1[0-2])\b|csam|child\s*abuse|"
    r"menor\s+de\s+edad|menores|mineur|mineure|mineurs|minorenne|minorenni|minderj\w+|"
    r"colegio|instituto|lyc[ée]e|coll[èe]ge\s+(?:de|en)|ensino\s+m[ée]dio|liceo|gymnasium|"
    r"mi\s+hij[oa]|ma\s+fille|mon\s+fils|minha\s+filha|meu\s+filho|mia\s+figlia|mio\s+figlio|"
    r"meine\s+tochter|mein\s+sohn)\b",
    re.IGNORECASE,
)


def minor_detect(text: str) -> bool:
    for match in _AGE.finditer(text):
        age = int(match.group(1) or match.group(2))
        if 0 < age < 18:
            return True
    return bool(_WORDS.search(text))

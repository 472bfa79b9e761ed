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
    r"|\b(\d{1,2})[\s-]*(?:years?[\s-]*old|yrs?[\s-]*old|yo|y/o|anos|años|ans|anni|jahre(?:\s+alt)?)\b"
    r"|\b(?:daughter|son|sister|brother|friend|niece|nephew|[A-Z][a-z]+)\s*\((\d{1,2})\)"
    r"|\b(?:daughter|son|sister|brother|kid|child|friend|niece|nephew|cousin)\s+(?:is|was|who\s+is)\s+(?:only\s+)?"
    r"(\d{1,2})\b(?!\s*(?:weeks?|days?|months?|hours?|minutes?|times?|%))"
    # "23f", "17 m": an age and a sex, the way people write it online.
    r"|\b(\d{1,2})\s?[fm]\b"
    # "mishawaka, 17." — a place or name, a comma and a bare age opening the message.
    r"|^\W*[a-z][\w' -]{1,30},\s*(\d{1,2})\s*[.,;]",
    re.IGNORECASE,
)
_WORDS = re.compile(
    r"\b(?:minor|minors|underage|under[- ]age|under\s*18|child|children|kid|kids|teen|teens|teenager|teenage|"
    r"daughter|(?:my|our|his|her|their)\s+son|my\s+(?:girl|boy)|high\s*school|middle\s*school|junior\s*high|secondary\s*school|"
    r"primary\s*school|elementary\s*school|year\s*(?:[5-9]|1[0-3])\b|grade\s*(?:[5-9]|1[0-2])\b|(?:[5-9]|1[0-2])(?:st|nd|rd|th)?[\s-]*grader?s?\b|csam|child\s*abuse|"
    r"menor\s+de\s+edad|menores|mineur|mineure|mineurs|minorenne|minorenni|minderj\w+|"
    r"colegio|instituto|lyc[ée]e|coll[èe]ge\s+(?:de|en)|ensino\s+m[ée]dio|liceo|gymnasium|"
    r"mi\s+hij[oa]|ma\s+fille|mon\s+fils|minha\s+filha|meu\s+filho|mia\s+figlia|mio\s+figlio|"
    r"meine\s+tochter|mein\s+sohn|(?:mit)?sch(?:ü|u|ue)ler(?:in|innen)?|(?:[5-9]|1[0-2])\.\s*klasse|secundaria|"
    r"scuola\s+media)\b",
    re.IGNORECASE,
)


# A school that is the asker's workplace, about an adult who works there: "I teach at a middle school.
# A colleague told me a parent made a fake nude of her" is about a teacher, not a child.
_SCHOOL_WORKPLACE = re.compile(
    r"\b(?:i|we)\s+(?:teach|work|am\s+a\s+teacher|'m\s+a\s+teacher)\s+(?:at|in)\s+(?:a|an|the|our|my)?\s*"
    r"(?:\w+\s+)?(?:high|middle|secondary|primary|elementary|junior\s+high)\s*school\b",
    re.IGNORECASE,
)
_ADULT_COLLEAGUE = re.compile(
    r"\b(?:colleague|co-?worker|fellow\s+teacher|another\s+teacher|staff\s+member)s?\b", re.I
)
_PUPIL = re.compile(r"\b(?:student|students|pupil|pupils|kid|kids|child|children|girl|boy)\b", re.I)


# Said even of an adult ("my daughter (22)"), these words do not make the person a child; "high school",
# "underage" or "teen" still do ("I'm 20, the video is from when I was in high school").
_FAMILY = re.compile(
    r"\b(?:daughter|(?:my|our|his|her|their)\s+son|my\s+(?:girl|boy)|kid|kids|child|children|mi\s+hij[oa]|"
    r"ma\s+fille|mon\s+fils|minha\s+filha|meu\s+filho|mia\s+figlia|mio\s+figlio|meine\s+tochter|mein\s+sohn)\b",
    re.IGNORECASE,
)


# Children who are not the person shown: "we got a kid together", "my kids' school".
_NOT_THE_PERSON = re.compile(
    r"\b(?:have|got|had|share)\s+(?:a\s+|two\s+|\d\s+)?kids?\s+together\b|"
    r"\b(?:my|our|his|her|the)\s+(?:kids?|children|son'?s|daughter'?s)'?s?\s+(?:school|teacher|daycare|class)\b",
    re.IGNORECASE,
)
# The asker is the teacher shown: "I teach 10th grade… one of my students made a deepfake of me".
_TEACHER_SHOWN = re.compile(r"\b(?:i\s+teach|i'?m\s+a\s+teacher|i\s+am\s+a\s+teacher)\b", re.IGNORECASE)
_OF_ME = re.compile(r"\b(?:of\s+me|my\s+(?:face|photo|picture|pic|image))\b", re.IGNORECASE)


def minor_detect(text: str) -> bool:
    ages = [int(next(g for g in m.groups() if g)) for m in _AGE.finditer(text)]
    if any(0 < age < 18 for age in ages):
        return True
    if any(18 <= age < 100 for age in ages):
        text = _FAMILY.sub(" ", text)  # "My daughter Brooklyn (22)": an adult
    if _SCHOOL_WORKPLACE.search(text) and _ADULT_COLLEAGUE.search(text) and not _PUPIL.search(text):
        text = _SCHOOL_WORKPLACE.sub(" ", text)
    if _TEACHER_SHOWN.search(text) and _OF_ME.search(text) and not ages:
        return False  # the teacher is the one shown; the pupils are who did it
    text = _NOT_THE_PERSON.sub(" ", text)
    return bool(_WORDS.search(text))

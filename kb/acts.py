"""What the question says was done — a fake image made, a threat — so the laws that fit rank first.

Some laws cover real images only (their records carry the `real_images` tag and say
`covers_synthetic: no`): secret filming, or sharing a real private photo. For a question about a
deepfake such a law must not lead the answer, however well its words match ("made a nude of me").
Read on the query after `query_translate`, so "un montaje", "con IA" or "KI-Fake" count through the
English words the vocabulary adds for the question's language (in English text "IA" stays Iowa).

Likewise a law about threats only (threatening to share, with no offence for sharing itself) must
not lead an answer to "someone shared my nudes", where no threat was made; nor the guides written for
blackmail or for school, where the question says nothing of either.
"""

import re

_FAKE = re.compile(
    r"\b(?:fakes?|faked|deep[\s-]?fakes?|ai|a\.i\.|ai[\s-](?:made|generated|edited)|generated|nudif\w*|"
    r"undress\w*|(?:photo)?shopped|photoshop\w*|edited|edit(?:ing)?\s+app|morph\w*|face[\s-]?swap\w*|"
    r"doctored|manipulated|synthetic|altered|artificial\s+intelligence|not\s+(?:really|actually)\s+me|"
    r"isn'?t\s+(?:really|actually)\s+me)\b",
    re.IGNORECASE,
)


def synthetic_detect(text: str) -> bool:
    """True when the text says the image is fake, AI-made or edited."""
    return bool(_FAKE.search(text))


_THREAT = re.compile(
    r"\b(?:threat\w*|blackmail\w*|extort\w*|sextort\w*|unless|ransom|demand\w*|pay\s+(?:him|her|them|up)|"
    r"or\s+(?:else|he|she|they)\s+(?:(?:will|'ll)|(?:post|share|send|leak|expose)\w*)|"
    r"(?:will|'ll|gonna|going\s+to)\s+(?:post|share|send|leak|expose)|(?:do|should)\s+i\s+pay|"
    r"(?:wants?|asking\s+for|asks?\s+for)\s+(?:money|cash|[$£€]\s*\d+))\b",
    re.IGNORECASE,
)


def threat_detect(text: str) -> bool:
    """True when the text speaks of a threat, blackmail or a demand."""
    return bool(_THREAT.search(text))


_SCHOOL = re.compile(
    r"\b(?:schools?|class(?:mates?|room)?|teachers?|students?|pupils?|grade|year\s+\d+|campus|"
    r"universit\w*|uni|college|dorms?|principal|head\s?teacher|gcses?|gymnasium)\b",
    re.IGNORECASE,
)


def school_detect(text: str) -> bool:
    """True when the text speaks of a school, a class, a teacher or a student."""
    return bool(_SCHOOL.search(text))

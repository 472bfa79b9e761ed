"""Spotting that a question is about a fake image (a deepfake, a "nudify" app, an edit), for ranking.

Some laws cover real images only (their records carry the `real_images` tag and say
`covers_synthetic: no`): secret filming, or sharing a real private photo. For a question about a
deepfake such a law must not lead the answer, however well its words match ("made a nude of me").
Read on the query after `query_translate`, so "un montaje", "con IA" or "KI-Fake" count through the
English words the vocabulary adds for the question's language (in English text "IA" stays Iowa).
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

"""Spotting that someone may be in danger now, so crisis lines come first (in the languages we answer)."""

import re

_DANGER = re.compile(
    r"\b(?:kill\s+(?:my\s*self|me)|suicid\w*|end\s+(?:my\s+life|it\s+all)|self[- ]harm|hurt\s+(?:my\s*self|me)|"
    r"in\s+danger|not\s+safe|unsafe|scared\s+for\s+my\s+life|threaten\w*\s+to\s+(?:kill|hurt)|"
    r"outside\s+my\s+(?:house|home|door)|following\s+me|emergency|"
    r"matarme|quitarme\s+la\s+vida|en\s+peligro|me\s+tuer|en\s+danger|me\s+suicider|me\s+matar|em\s+perigo|"
    r"uccidermi|togliermi\s+la\s+vita|in\s+pericolo|umbringen|in\s+gefahr|selbstmord)\b",
    re.IGNORECASE,
)


def danger_detect(text: str) -> bool:
    return bool(_DANGER.search(text))

"""Every question of the blind rounds sits in the split its place decides (chat/evaluation/split.py), so
none was moved after its answer was seen."""

import yaml
from django.conf import settings

from chat.evaluation.split import BLIND_ROUNDS_MARKER, split_of

EVALUATION = settings.BASE_DIR / "chat" / "evaluation"


def blind_rounds(split: str) -> list[dict]:
    text = (EVALUATION / f"{split}.yaml").read_text(encoding="utf-8")
    assert BLIND_ROUNDS_MARKER in text
    return yaml.safe_load(text[text.index(BLIND_ROUNDS_MARKER) :])


def test_every_blind_question_is_in_the_split_its_place_decides():
    for split in ("dev", "test"):
        rows = blind_rounds(split)
        assert len(rows) > 100
        wrong = [row["q"] for row in rows if split_of(row) != split]
        assert not wrong, f"{split}: {wrong[:3]}"


def test_the_rule_sends_about_two_in_five_places_to_test():
    rows = blind_rounds("dev") + blind_rounds("test")
    share = sum(split_of(row) == "test" for row in rows) / len(rows)
    assert 0.3 < share < 0.5

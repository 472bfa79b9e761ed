"""The evaluation set's data is sound: every answer it expects is a published record that may be
shown in the question's place, and its test split shares no place with the dev split.

Scores on test only mean something if the set is right and independent of tuning: a wrong
expected id punishes a right answer, an id from outside the place's chain rewards a foreign
law, and a place seen in dev lets detection be tuned to the very names test asks about.
These checks read the files only (no database), so they run in a moment.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from chat.evaluation.split import place_key
from kb.content.files import split_front_matter
from kb.content.validate import content_files

EVALUATION = Path(settings.BASE_DIR) / "chat" / "evaluation"
CONTENT = Path(settings.BASE_DIR) / "legal_content"
SPLITS = ("dev", "test")

WHO = {"victim", "parent", "teacher", "advocate", "policymaker"}
LANGS = {"en", "es", "fr", "pt", "it", "de"}
ROLES = {"support", "removal", "report", "legal"}
CLASSES = {
    "city-only",  # a city is the only place named: no state or country with it
    "shared-name",  # the place's name is shared by several places (qualified or not)
    "named-law",  # a law, bill or authority named in the question implies the place
    "residence",  # the person's home and another place are both mentioned; home decides
    "non-age",  # words like "student" or "school alumni" that do not make the person a minor
    "minor",  # the person shown is under 18 (stated in the text, not through the chat's switch)
    "place-free",  # no place at all: global channels and guides only
    "name-not-place",  # a word that is also a place name is used as something else (a person)
    "abbreviation",  # the place is given as an abbreviation or nickname (TX, OKC, CDMX)
    "mixed-language",  # two languages in one question
    "vague-place",  # a region too vague to place ("up north", "in Europe"): the answer is to ask
}
# Places a question may be ambiguous with that have no jurisdiction file yet: the right answer is
# still to ask (then say what general help exists), so the candidate is listed.
NOT_YET_IN_KB = {"GE"}

# Which channel kinds can give each kind of help. Coarse on purpose: this only checks that a
# role asked for can be covered at all by some channel in the place's chain.
ROLE_KINDS = {
    "support": {"helpline", "support"},
    "removal": {"hash_blocking", "search_removal", "platform", "regulator"},
    "report": {"police", "regulator", "helpline"},
    "legal": {"legal_help"},
}

MINIMUM = {
    "total": 600,
    "non-English": 60,
    "city-only": 150,
    "shared-name": 60,
    "who-can-help": 40,
    "minor": 40,
    "named-law": 30,
    "ambiguous": 20,
    "residence": 10,
    "non-age": 10,
    "place-free": 15,
}


def questions(split: str) -> list[dict]:
    return yaml.safe_load((EVALUATION / f"{split}.yaml").read_text(encoding="utf-8"))


def all_questions() -> list[dict]:
    return [row for split in SPLITS for row in questions(split)]


@cache
def knowledge_base() -> tuple[dict[str, dict], dict[str, dict]]:
    """(jurisdictions by code, published records by id) read straight from the content files."""
    places: dict[str, dict] = {}
    records: dict[str, dict] = {}
    for path in content_files(CONTENT):
        front, _ = split_front_matter(path.read_text(encoding="utf-8"))
        if front.get("review_status") != "published" or front.get("type") == "guide_translation":
            continue  # a translation shares its guide's file name: the guide is the record
        if front["type"] == "jurisdiction":
            places[path.stem] = front
        else:
            records[path.stem] = front
    return places, records


def chain(code: str | None) -> list[str]:
    """The code, its parents, their supranational bodies, then GLOBAL (as kb.jurisdictions)."""
    places, _ = knowledge_base()
    out: list[str] = []
    node = code
    while node and node not in out:
        out.append(node)
        node = places[node].get("parent")
    for member in list(out):
        out += [body for body in places[member].get("member_of") or [] if body not in out]
    return [*out, "GLOBAL"] if "GLOBAL" not in out else out


def record_places(record: dict) -> list[str] | None:
    """Where a record applies; None for guides that apply everywhere."""
    if record["type"] == "law":
        return [record["jurisdiction"]]
    return record.get("jurisdictions") or None


def counts(rows: list[dict]) -> Counter:
    tally: Counter = Counter(total=len(rows))
    for row in rows:
        tally["non-English"] += row["lang"] != "en"
        tally["who-can-help"] += bool(row.get("roles"))
        tally["ambiguous"] += bool(row.get("ambiguous"))
        tally["minor"] += "minor" in row.get("class", []) or bool(row.get("minor"))
        for name in row.get("class", []):
            if name != "minor":
                tally[name] += 1
    return tally


def test_the_set_has_at_least_600_questions_and_each_class_its_minimum():
    tally = counts(all_questions())
    short = {name: (tally[name], least) for name, least in MINIMUM.items() if tally[name] < least}
    assert not short, f"classes below their minimum (have, need): {short}"


@pytest.mark.parametrize("split", SPLITS)
def test_every_question_has_the_fields_the_scorer_reads(split):
    for row in questions(split):
        assert isinstance(row["q"], str) and row["q"].strip(), row
        assert row["who"] in WHO, row["q"]
        assert row["lang"] in LANGS, row["q"]
        assert row["expect"], f"{row['q']!r} expects nothing"
        assert set(row.get("roles", [])) <= ROLES, row["q"]
        assert set(row.get("class", [])) <= CLASSES, row["q"]
        assert row.get("place") is None or isinstance(row["place"], str), row["q"]
        assert set(row) <= {"q", "jurisdiction", "ambiguous", "expect", "roles", "who", "lang", "place"} | {
            "given",
            "minor",
            "class",
        }, row["q"]


def test_no_question_is_asked_twice():
    seen = Counter(row["q"].casefold() for row in all_questions())
    assert not [q for q, n in seen.items() if n > 1]


def test_every_jurisdiction_code_is_a_published_place():
    places, _ = knowledge_base()
    for row in all_questions():
        for code in [row["jurisdiction"], row.get("given")]:
            assert code is None or code in places, f"{row['q']!r}: unknown place {code}"
        for code in row.get("ambiguous", []):
            assert code in places or code in NOT_YET_IN_KB, f"{row['q']!r}: unknown place {code}"


def test_an_ambiguous_question_expects_a_question_back_not_a_place():
    for row in all_questions():
        if row.get("ambiguous"):
            assert row["jurisdiction"] is None, row["q"]
            assert len(set(row["ambiguous"])) >= 2, row["q"]
            assert {"shared-name", "named-law"} & set(row.get("class", [])), row["q"]


def test_every_expected_record_is_published_and_belongs_to_the_place_chain():
    _, records = knowledge_base()
    for row in all_questions():
        allowed = set(chain(row["jurisdiction"])) if row["jurisdiction"] else {"GLOBAL"}
        for record_id in row["expect"]:
            assert record_id in records, f"{row['q']!r}: {record_id} is not a published record"
            where = record_places(records[record_id])
            assert where is None or allowed & set(where), (
                f"{row['q']!r}: {record_id} ({where}) is outside {sorted(allowed)}"
            )


def test_every_role_asked_for_can_be_covered_by_a_channel_in_the_chain():
    _, records = knowledge_base()
    for row in all_questions():
        allowed = set(chain(row["jurisdiction"])) if row["jurisdiction"] else {"GLOBAL"}
        kinds = {
            r["kind"]
            for r in records.values()
            if r["type"] == "channel" and allowed & set(r.get("jurisdictions") or [])
        }
        for role in row.get("roles", []):
            assert kinds & ROLE_KINDS[role], f"{row['q']!r}: nothing in the chain gives {role} help"


def test_questions_about_a_minor_expect_help_that_serves_minors():
    _, records = knowledge_base()
    for_minors = {"helping-a-child", "when-the-person-shown-is-under-18", "at-school"}
    for row in all_questions():
        if "minor" not in row.get("class", []) and not row.get("minor"):
            continue
        ok = [
            i
            for i in row["expect"]
            if records[i].get("minors_specific") or records[i].get("serves_minors") or i in for_minors
        ]
        assert ok, f"{row['q']!r} is about a minor but expects nothing for minors"
        adults_only = [i for i in row["expect"] if records[i].get("serves_minors") is False]
        assert not adults_only, f"{row['q']!r} is about a minor but expects {adults_only}"


def test_questions_about_adults_expect_no_help_only_for_minors():
    _, records = knowledge_base()
    for row in all_questions():
        if "non-age" in row.get("class", []):
            for_minors = [
                i
                for i in row["expect"]
                if records[i].get("minors_specific") or records[i].get("serves_adults") is False
            ]
            assert not for_minors, f"{row['q']!r} is about an adult but expects {for_minors}"


def test_no_place_is_in_both_splits():
    keys = {split: {place_key(r["place"]) for r in questions(split) if r.get("place")} for split in SPLITS}
    assert not keys["dev"] & keys["test"]


def test_the_splits_are_near_even_and_every_class_is_in_both():
    """Neither split falls under about a third of the set. Dev may run larger than test: questions
    written independently to show new failure classes go to dev, and test only grows from its own
    places, written by someone who has not seen dev."""
    dev, test = counts(questions("dev")), counts(questions("test"))
    assert 0.35 <= dev["total"] / (dev["total"] + test["total"]) <= 0.65
    for name in MINIMUM:
        assert dev[name] and test[name], f"{name} is missing from a split"

"""Channel roles from kind and tags; the needs a question states."""

import pytest

from kb.roles import asks_who_can_help, channel_roles, needs_detect


@pytest.mark.parametrize(
    ("kind", "tags", "roles"),
    [
        ("platform", ["removal", "prosecution"], {"removal"}),
        ("search_removal", [], {"removal"}),
        ("hash_blocking", ["removal", "stop_spread"], {"removal"}),
        ("helpline", ["support"], {"support"}),
        ("helpline", ["removal", "prosecution", "support"], {"support", "removal", "report"}),  # Cybertip.ca
        ("helpline", ["prosecution", "removal"], {"report", "removal"}),  # NCMEC CyberTipline
        ("helpline", ["removal"], {"report", "removal"}),  # a reporting hotline, not a listening line
        ("police", ["prosecution"], {"report"}),
        ("regulator", ["removal"], {"report", "removal"}),
        ("legal_help", ["compensation"], {"legal"}),
    ],
)
def test_a_channel_s_roles_come_from_its_kind_and_tags(kind, tags, roles):
    assert channel_roles(kind=kind, tags=tags) == roles


@pytest.mark.parametrize(
    ("text", "needs"),
    [
        ("I just need someone to talk to", ["support"]),
        ("how do I get it taken down", ["removal"]),
        ("should I go to the police", ["report"]),
        ("can I sue him for damages", ["legal"]),
        ("quiero denunciar y borrar el vídeo", ["removal", "report"]),
        ("je veux porter plainte", ["report"]),
        ("what does the law say", []),
        ("who do i ring about this", ["support"]),
        ("¿A quién recurro?", ["support"]),
        ("an wen kann ich mich wenden?", ["support"]),
        ("where do i complain", ["report"]),
        ("do I go to the guards about this?", ["report"]),
    ],
)
def test_it_reads_the_help_a_question_asks_for(text, needs):
    assert needs_detect(text) == needs


def test_who_can_help_is_noticed_in_several_languages():
    assert asks_who_can_help("who can help me?") and asks_who_can_help("¿Quién me puede ayudar?")
    assert not asks_who_can_help("is it illegal")

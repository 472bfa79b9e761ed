"""What a question says was done: a fake image, a threat. In English and through the vocabulary of other languages."""

import pytest

from kb.acts import school_detect, synthetic_detect, threat_detect
from kb.search.translate import query_translate


@pytest.mark.parametrize(
    "text",
    [
        "someone made a deepfake of me",
        "my ex posted a fake nude",
        "AI-generated porn of me is on a forum",
        "he photoshopped my face onto a naked body",
        "a nudify app was used on my instagram pics",
        "a morphed photo of me",
        "face swap video of me",
    ],
)
def test_it_recognises_a_fake_image_in_english(text):
    assert synthetic_detect(text)


@pytest.mark.parametrize(
    "text",
    ["my ex shared my nudes", "he secretly filmed me in the shower", "I live in Des Moines, IA"],
)
def test_a_real_image_is_not_called_fake(text):
    assert not synthetic_detect(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("un tipo hizo un montaje desnuda de mí con IA", "es"),
        ("quelqu'un a fait un faux nu de moi avec l'IA", "fr"),
        ("jemand hat mit KI ein Nacktfoto von mir gemacht", "de"),
    ],
)
def test_other_languages_count_through_the_vocabulary(text, language):
    assert synthetic_detect(query_translate(text, language=language))


@pytest.mark.parametrize(
    "text",
    [
        "he is threatening to post my nudes",
        "someone is blackmailing me",
        "she says she'll send them to my family unless I pay",
        "they're going to leak the video",
        "they want $300 or they post them. do i pay?",
        "he asks for money or else he will send them",
    ],
)
def test_it_recognises_a_threat(text):
    assert threat_detect(text)


@pytest.mark.parametrize(
    "text", ["someone shared my nudes on facebook", "a photo of me was posted", "my laptop got ransomware"]
)
def test_sharing_is_not_a_threat(text):
    assert not threat_detect(text)


def test_a_threat_in_another_language_counts_through_the_vocabulary():
    assert threat_detect(query_translate("mi ex me amenaza con publicar mis fotos", language="es"))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("a boy in my class made a deepfake of me", True),
        ("my teacher says the school can't do anything", True),
        ("I'm in year 9", True),
        ("a guy I dated made a deepfake of me", False),
    ],
)
def test_it_recognises_a_school(text, found):
    assert school_detect(text) is found

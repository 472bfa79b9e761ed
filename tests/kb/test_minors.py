"""Spotting a minor only from words that say an age."""

import pytest

from kb.minors import minor_detect


@pytest.mark.parametrize(
    ("text", "minor"),
    [
        ("I'm 15 and someone made a fake of me", True),
        ("my daughter's classmate shared a nude", True),
        ("she's in year 9 at high school", True),
        ("I was 16 in the photo", True),
        ("tengo 15 años y mi ex compartió fotos", True),
        ("j'ai 16 ans", True),
        ("I am 25", False),
        ("someone made a deepfake of me", False),
        ("15 U.S.C. 6851 damages", False),
        ("I'm a PhD student and a guy in my lab shared a fake", False),
        ("my school's alumni group is passing around a fake of me", False),
        ("a student at my university", False),
        ("son ex a publié des photos", False),
    ],
)
def test_it_notices_a_minor_only_from_words_that_say_an_age(text, minor):
    assert minor_detect(text) is minor

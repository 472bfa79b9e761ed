"""Other languages' words of the field reach the English knowledge base."""

from kb.search.translate import query_translate


def test_known_words_add_their_english_and_keep_the_original():
    query = query_translate("mi ex publicó un montaje desnudo", language="es")
    assert query.startswith("mi ex publicó un montaje desnudo")
    assert "deepfake" in query and "nude" in query and "posted" in query


def test_english_questions_are_left_alone():
    assert query_translate("my ex posted a deepfake", language="en") == "my ex posted a deepfake"

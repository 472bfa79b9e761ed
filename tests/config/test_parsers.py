"""The API's JSON parser: bounded depth and size, strict text, and brackets inside strings are just text."""

import pytest

API = "/api/v1/ask"


def test_brackets_inside_a_question_are_text_not_nesting(client, texas_world):
    question = "what does [[[[[[[[[[[[[[[[[[[[ deepfake ]]]]]]]]]]]]]]]]]]]] mean in Texas"
    response = client.post(API, {"question": question}, content_type="application/json")
    assert response.status_code == 200


@pytest.mark.parametrize("depth", [16, 17])
def test_nesting_is_allowed_up_to_sixteen_levels(client, texas_world, depth):
    body = '{"question": "help", "minor": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"
    response = client.post(API, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == ("invalid" if depth == 16 else "parse_error")


def test_escaped_quotes_do_not_confuse_the_depth_count(client, texas_world):
    body = '{"question": "a \\" [[[[[[[[[[[[[[[[[[[[ \\\\", "jurisdiction": "US-TX"}'
    assert client.post(API, body, content_type="application/json").status_code == 200


def test_a_body_over_the_cap_is_refused_before_it_is_parsed(client, texas_world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = '{"question": "' + "a" * 1000 + '"}'
    response = client.post(API, body, content_type="application/json")
    assert response.status_code == 400

"""Reading and writing one content file: YAML front matter between `---` lines, then Markdown."""

from typing import Any

import yaml


class FrontMatterError(ValueError):
    pass


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    text = text.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise FrontMatterError("the file must start with a '---' line and YAML front matter")
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.rstrip("\n").endswith("\n---"):
            end = len(text.rstrip("\n")) - 4
        else:
            raise FrontMatterError("the front matter has no closing '---' line")
    try:
        front = yaml.safe_load(text[4 : end + 1]) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise FrontMatterError(
            f"the front matter is not valid YAML{where}: {getattr(exc, 'problem', exc)}"
        ) from None
    if not isinstance(front, dict):
        raise FrontMatterError("the front matter must be a mapping of field: value")
    body = text[end + 5 :].strip()
    return front, body


def render_record(front: dict[str, Any], body: str) -> str:
    yaml_text = yaml.safe_dump(
        front, sort_keys=False, allow_unicode=True, width=1_000_000, default_flow_style=False
    )
    text = f"---\n{yaml_text}---\n"
    body = body.strip()
    return f"{text}\n{body}\n" if body else text

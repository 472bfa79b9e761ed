"""The apps' dependencies point down: chat and policy use kb; kb imports neither, and they skip each other."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_apps(app: str) -> set[str]:
    """Top-level packages that any module of `app` imports (absolute imports only: the house style)."""
    found: set[str] = set()
    for path in (ROOT / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
    return found


@pytest.mark.parametrize(
    ("app", "forbidden"), [("kb", {"chat", "policy"}), ("policy", {"chat"}), ("chat", {"policy"})]
)
def test_an_app_never_imports_an_app_above_or_beside_it(app, forbidden):
    assert not imported_apps(app) & forbidden

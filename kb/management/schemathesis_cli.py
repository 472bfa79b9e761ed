"""Schemathesis' `st run` with `ast.parse` made safe for its worker threads (`python -m`, from `fuzz_api`).

Why: on CPython 3.11 the AST constructor keeps its recursion counter per interpreter, not per thread.
When two threads parse at once and the interpreter switches between them mid-parse (a garbage
collection running a finalizer is enough), the counter no longer matches and `ast.parse` raises
`SystemError: AST constructor recursion depth mismatch` (CPython 3.12 and 3.13 do not; reproduced on
this machine). Hypothesis parses source files to describe lambdas when it first validates a
strategy, so with `--workers 2` the two operations that start the fuzzing phase together parse at
once. Hypothesis sees a test that raised, cannot replay it, raises `FlakyFailure`, and Schemathesis
counts an unreproducible result with no failed check as a pass: `GET /api/v1/channels/` ended its
fuzzing phase after 9 cases, reported as success. One lock around `ast.parse` in this process
removes the race; parses are rare (a described lambda's source file is cached), so it costs nothing.
"""

from __future__ import annotations

import ast
import sys
import threading

_original_parse = ast.parse
_parse_lock = threading.RLock()


def ast_parse_serialized(*args, **kwargs):
    """`ast.parse`, one thread at a time (re-entrant, for a finalizer that parses inside a parse)."""
    with _parse_lock:
        return _original_parse(*args, **kwargs)


def main() -> int:
    if sys.version_info < (3, 12):
        ast.parse = ast_parse_serialized
    from schemathesis.cli import schemathesis

    sys.argv[0] = "st"
    return schemathesis()


if __name__ == "__main__":
    sys.exit(main())

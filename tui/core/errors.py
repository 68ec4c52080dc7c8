"""The one error type the core raises for bad input: it names the file and the problem."""

from __future__ import annotations

import re

# Control characters (newlines included) would split the one-line message or move the cursor.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """`text` with control characters escaped, so a file name can never break the line."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


class InputError(Exception):
    """Input Parallax cannot use; `str()` is the one line shown to the user.

    `args` holds exactly (path, problem) so the error pickles and copies like any exception.
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(path, problem)
        self.path = path
        self.problem = problem

    def __str__(self) -> str:
        return f"{one_line(self.path)}: {one_line(self.problem)}"


def error_line(error: BaseException) -> str:
    """An exception's message on one line, as every problem Parallax reports must be."""
    return " ".join(str(error).split())


def yaml_problem(error: BaseException) -> str:
    """A PyYAML error as "line N: what is wrong" (PyYAML's own text spans several lines)."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or error_line(error)
    if mark is not None:
        return f"line {mark.line + 1}: {problem}"
    return str(problem)

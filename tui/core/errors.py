"""The one error type the core raises for bad input: it names the file and the problem."""

from __future__ import annotations


class InputError(Exception):
    """Input Parallax cannot use; `str()` is the one line shown to the user."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

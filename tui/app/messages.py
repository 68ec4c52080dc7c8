"""Messages the analysis worker posts to the reader; the worker never touches widgets."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tui.core.errors import InputError
from tui.core.models import Comparison


@dataclass
class ArticlesReady(Message):
    """Articles are loaded and segmented, not yet compared: enough to paint text at once."""

    comparison: Comparison
    problems: tuple[InputError, ...]


@dataclass
class ComparisonReady(Message):
    """The full analysis (claims, figures, groups) is done."""

    comparison: Comparison
    seconds: float


@dataclass
class AnalysisFailed(Message):
    """Nothing could be read or the analysis raised; `reason` is one line for the user."""

    reason: str

"""Analysis settings shared by the CLI, the config file and the reader."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Options:
    """How the analysis runs. `sensitivity` in [0, 1]: higher pairs more (and riskier) claims."""

    semantic: bool = False
    sensitivity: float = 0.5

"""The one-cell marks the reader draws, so nothing depends on colour alone.

Two sets: Unicode marks that exist in the Linux console font (Terminus/Fixed cover U+25CF,
U+25C6, U+2195, U+2502), and a pure ASCII set for terminals whose font lacks them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Literal

from textual.scrollbar import ScrollBar, ScrollBarRender

GlyphSetting = Literal["auto", "unicode", "ascii"]


@dataclass(frozen=True, slots=True)
class Glyphs:
    """One mark per meaning; every field is exactly one terminal cell wide."""

    shared: str
    unique: str
    moved: str
    conflict: str
    cursor: str
    separator: str
    fold: str
    ellipsis: str
    pivot: str


UNICODE_GLYPHS = Glyphs(
    shared="●",
    unique="◆",
    moved="↕",
    conflict="!",
    cursor="▶",
    separator="│",
    fold="┄",
    ellipsis="…",
    pivot="▸",
)

ASCII_GLYPHS = Glyphs(
    shared="=",
    unique="+",
    moved="~",
    conflict="!",
    cursor=">",
    separator="|",
    fold="-",
    ellipsis="~",
    pivot=">",
)


def choose_glyphs(setting: str = "auto", environ: Mapping[str, str] | None = None) -> Glyphs:
    """The glyph set for `setting`; "auto" picks ASCII on the Linux console (TERM=linux)."""
    if setting == "ascii":
        return ASCII_GLYPHS
    if setting == "unicode":
        return UNICODE_GLYPHS
    env = os.environ if environ is None else environ
    if env.get("TERM", "") == "linux":
        return ASCII_GLYPHS
    return UNICODE_GLYPHS


class AsciiScrollBarRender(ScrollBarRender):
    """A scrollbar thumb of whole reverse-video cells: the eighth-block glyphs Textual draws
    at the thumb's ends ("▃", "▊") are missing from the Linux console font."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8


def use_scrollbars_for(glyphs: Glyphs) -> None:
    """Draw every scrollbar with glyphs of the chosen set. `ScrollBar.renderer` is a class
    attribute, so both sets assign it: an app started in the same process later (tests)
    does not inherit the previous one's choice."""
    ScrollBar.renderer = AsciiScrollBarRender if glyphs is ASCII_GLYPHS else ScrollBarRender

"""The figures sidebar: one option per figure group, conflicts first, each value with sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.glyphs import UNICODE_GLYPHS, Glyphs
from tui.app.presenters import (
    TIER_CONFLICT,
    TIER_SHARED,
    TIER_SINGLE,
    TIER_UNRESOLVED,
    FigureGroupView,
)

# What each tier after the conflicts holds, as a dim rule above it (conflicts carry `!`).
TIER_HEADINGS = {
    TIER_SHARED: "2+ sources",
    TIER_SINGLE: "one source",
    TIER_UNRESOLVED: "no exact value",
}


class FiguresSidebar(OptionList):
    """Figure groups by tier; Enter asks the screen to jump every pane to that figure."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Figures: next group", id="parallax.figures_down", show=False),
        Binding("k", "cursor_up", "Figures: previous group", id="parallax.figures_up", show=False),
        Binding(
            "enter", "select", "Figures: jump (again: next source)", id="parallax.jump_to_figure"
        ),
    ]

    @dataclass
    class FigureSelected(Message):
        """The reader chose a figure group (Enter or click)."""

        sidebar: FiguresSidebar
        group: FigureGroupView

    def __init__(self, *, glyphs: Glyphs = UNICODE_GLYPHS, id: str | None = None) -> None:
        super().__init__(id=id)
        self.glyphs = glyphs
        self.groups: tuple[FigureGroupView, ...] = ()
        self._prompt_width = 0
        self.border_title = "Figures"

    def show_groups(self, groups: tuple[FigureGroupView, ...], *, pending: bool = False) -> None:
        """Replace the options; keeps the highlighted group when it still exists.

        `pending`: the analysis has not finished, so an empty list means "not yet", not "none".
        """
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        self.groups = groups
        self._prompt_width = self.scrollable_content_region.width
        self.clear_options()
        conflicts = sum(1 for group in groups if group.conflict)
        self.border_subtitle = f"{conflicts} {self.glyphs.conflict}" if conflicts else ""
        if not groups:
            note = "figures: analysing…" if pending else "no figures found"
            self.add_option(Option(Text(note, style="italic"), disabled=True))
            return
        options: list[Option] = []
        tier = TIER_CONFLICT
        for group in groups:
            if group.tier != tier:
                tier = group.tier
                options.append(Option(self._heading(TIER_HEADINGS[tier]), disabled=True))
            options.append(Option(self._prompt(group), id=group.group_id))
        self.add_options(options)
        ids = {group.group_id for group in groups}
        if highlighted in ids:
            self.highlighted = self.get_option_index(highlighted)
        else:
            self.action_first()

    def on_resize(self) -> None:
        """Prompts are cut to the width: rebuild them once the real width is known."""
        width = self.scrollable_content_region.width
        if self.groups and width != self._prompt_width:
            self.show_groups(self.groups)

    @property
    def _width(self) -> int:
        return max(12, (self._prompt_width or 26) - 1)

    def _heading(self, title: str) -> Text:
        rule = self.glyphs.fold
        text = Text(f"{rule * 2} {title} {rule * self._width}", style="dim", end="")
        text.truncate(self._width)
        return text

    def _prompt(self, group: FigureGroupView) -> Text:
        """Conflicts and shared figures: subject, then one line per value with its sources.

        A single-source figure is one line, value first, so a long subject is what gets cut.
        """
        width = self._width
        mark = self.glyphs.conflict if group.conflict else " "
        if group.tier in (TIER_SINGLE, TIER_UNRESOLVED) and len(group.values) == 1:
            value = group.values[0]
            sources = " ".join(str(source) for source in value.sources)
            label = group.subject
            room = width - len(value.text) - len(sources) - 6
            if room < len(label):
                label = label[: max(0, room - 1)] + self.glyphs.ellipsis if room > 1 else ""
            line = Text(f"{mark} ", end="")
            line.append(value.text, style="bold")
            # A kind stands in for a missing subject: dimmed, so it does not read as one.
            line.append(f"  {label}" if label else "", style="" if group.named else "dim italic")
            line.append(f"  {sources}", style="dim")
            return self._fit(line, width)
        label = group.subject if group.named else f"({group.subject})"
        lines = [Text(f"{mark} {label}", style="bold", end="")]
        for value in group.values:
            sources = " ".join(str(source) for source in value.sources)
            line = Text("   ", end="")
            line.append(value.text, style="underline" if group.conflict else "")
            line.append(f"  {sources}", style="dim")
            lines.append(line)
        return Text("\n", end="").join(self._fit(line, width) for line in lines)

    def _fit(self, line: Text, width: int) -> Text:
        """Cut `line` to `width`, ending in the glyph set's ellipsis (ASCII "~" on TERM=linux)."""
        if line.cell_len > width:
            line.truncate(width - 1, overflow="crop")
            line.append(self.glyphs.ellipsis)
        return line

    @on(OptionList.OptionSelected)
    def _figure_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        group = next((g for g in self.groups if g.group_id == event.option.id), None)
        if group is not None:
            self.post_message(self.FigureSelected(self, group))

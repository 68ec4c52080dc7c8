"""The figures sidebar: one option per figure group, conflicts first, each value with sources."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.glyphs import UNICODE_GLYPHS, Glyphs
from tui.app.presenters import FigureGroupView


class FiguresSidebar(OptionList):
    """Figure groups by subject; Enter asks the screen to jump every pane to that figure."""

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

    def show_groups(self, groups: tuple[FigureGroupView, ...]) -> None:
        """Replace the options; keeps the highlighted group when it still exists."""
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        self.groups = groups
        self.clear_options()
        if not groups:
            self.add_option(Option(Text("no figures found", style="italic"), disabled=True))
            return
        self.add_options(Option(self._prompt(group), id=group.group_id) for group in groups)
        ids = [group.group_id for group in groups]
        self.highlighted = ids.index(highlighted) if highlighted in ids else 0

    def on_resize(self) -> None:
        """Prompts are cut to the width: rebuild them once the real width is known."""
        width = self.scrollable_content_region.width
        if self.groups and width != self._prompt_width:
            self.show_groups(self.groups)

    def _prompt(self, group: FigureGroupView) -> Text:
        """Subject on one line (marked when sources disagree), then one line per value."""
        self._prompt_width = self.scrollable_content_region.width
        width = max(12, (self._prompt_width or 26) - 2)
        mark = self.glyphs.conflict if group.conflict else " "
        lines = [Text(f"{mark} {group.subject}", style="bold", end="")]
        for value in group.values:
            sources = " ".join(str(source) for source in value.sources)
            line = Text("   ", end="")
            line.append(value.text, style="underline" if group.conflict else "")
            line.append(f"  {sources}", style="dim")
            lines.append(line)
        for line in lines:
            line.truncate(width, overflow="ellipsis")
        return Text("\n", end="").join(lines)

    @on(OptionList.OptionSelected)
    def _figure_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        group = next((g for g in self.groups if g.group_id == event.option.id), None)
        if group is not None:
            self.post_message(self.FigureSelected(self, group))

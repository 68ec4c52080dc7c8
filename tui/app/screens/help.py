"""The `?` help screen, generated from the live bindings so it can never drift from the keys."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.app.glyphs import Glyphs

HELP_INTRO = (
    "Each row is one claim of the pivot source (marked {pivot}); the other panes show their "
    "sentence of that claim on the same row. Gutter: N{shared} shared by N sources, "
    "1{unique} only this source, {moved} its partner sits elsewhere (m goes there), "
    "{conflict} a figure the sources disagree on.\n"
    "Figures sidebar (f): conflicts first, then figures two or more sources give, then those "
    "of one source. Enter on one puts the cursor on it in the pivot (switching the pivot to a "
    "source that gives it if needed) and draws that figure reversed in every pane; Enter "
    "again goes to the next source's. Esc or f returns to the panes."
)

PALETTE_ROW = "Command palette: themes, pivot to a source, toggles"


def binding_rows(app: App[object], bindings: Mapping[str, ActiveBinding]) -> list[tuple[str, str]]:
    """(keys, description) per action, merging the keys that do the same thing, in bind order."""
    merged: dict[str, list[str]] = {}
    for active in bindings.values():
        binding = active.binding
        if not binding.description or binding.system:
            continue
        keys = merged.setdefault(binding.description, [])
        shown = app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
    return [(" ".join(keys), description) for description, keys in merged.items()]


def reader_bindings(app: App[object], nodes: Sequence[DOMNode]) -> dict[str, ActiveBinding]:
    """The reader's own bindings on `nodes`, with the user's keymap applied, whatever has focus.

    `Screen.active_bindings` follows the focus: opened from the figures sidebar it listed the
    option list's scrolling keys and none of the panes' navigation. Only bindings with a
    `parallax.` id are the reader's; Textual's inherited ones (copy, scroll left) stay out.
    The keymap is applied to copies, as `Screen._binding_chain` does.
    """
    keymap = getattr(app, "_keymap", {})
    found: dict[str, ActiveBinding] = {}
    for node in nodes:
        bindings = node._bindings.copy()
        if keymap:
            bindings.apply_keymap(keymap)
        for key, binding in bindings:
            if (binding.id or "").startswith("parallax.") and key not in found:
                found[key] = ActiveBinding(node, binding, True, binding.tooltip)
    return found


class HelpScreen(ModalScreen[None]):
    """Every key the reader answers to right now, with what it does."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="parallax.close_help"),
    ]

    def __init__(self, rows: list[tuple[str, str]], intro: str) -> None:
        super().__init__()
        self.rows = rows
        self.intro = intro

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=False)
        table.add_column("keys", style="bold", no_wrap=True)
        table.add_column("does")
        for keys, description in self.rows:
            table.add_row(keys, description)
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Parallax keys  (Esc closes)"
            yield Static(Text(self.intro), id="help-intro")
            yield Static(table, id="help-keys")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


def help_for(screen: Screen[Any], glyphs: Glyphs, nodes: Sequence[DOMNode] = ()) -> HelpScreen:
    """A help screen listing the reader's keys on `nodes` (panes, sidebar, screen, app), or
    `screen`'s active bindings when no nodes are given."""
    if nodes:
        rows = binding_rows(screen.app, reader_bindings(screen.app, nodes))
        rows.append((screen.app.get_key_display(Binding("ctrl+p", "")), PALETTE_ROW))
    else:
        rows = binding_rows(screen.app, screen.active_bindings)
    intro = HELP_INTRO.format(
        pivot=glyphs.pivot,
        shared=glyphs.shared,
        unique=glyphs.unique,
        moved=glyphs.moved,
        conflict=glyphs.conflict,
    )
    help_screen = HelpScreen(rows, intro)
    # Linux console fonts lack the rounded frame corners, as for the figures sidebar.
    help_screen.set_class(glyphs.separator.isascii(), "-ascii")
    return help_screen

"""The Parallax reader application."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from tui.core.loading import sample_story_path
from tui.core.pipeline import build_comparison


class ParallaxApp(App[None]):
    """Articles side by side."""

    BINDINGS: ClassVar = [("q", "quit", "Quit")]

    def __init__(self, paths: list[str]) -> None:
        super().__init__()
        self.paths = paths or [sample_story_path()]

    def compose(self) -> ComposeResult:
        comparison, _ = build_comparison(self.paths, strict=False)
        yield Header()
        for article in comparison.articles:
            yield Static(f"{article.source}: {len(article.sentences)} sentences")
        yield Footer()

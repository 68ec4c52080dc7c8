"""The Parallax reader application: themes, config, global keys and the command palette."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui.app.config import default_config_path, load_config, remember_theme
from tui.app.glyphs import Glyphs, choose_glyphs, use_scrollbars_for
from tui.app.screens.compare import Aligner, CompareScreen
from tui.app.screens.help import help_for
from tui.app.themes import DEFAULT_THEME, choose_theme, load_themes, variable_defaults
from tui.core.models import Comparison
from tui.core.options import Options


class ParallaxApp(App[None]):
    """Several articles about one story, side by side."""

    CSS_PATH: ClassVar = ["styles/app.tcss"]
    TITLE = "Parallax"
    # Help and Quit are the reader screen's first bindings (see CompareScreen.BINDINGS), so
    # the footer shows them before it runs out of width at 80 columns.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "cycle_theme", "Theme", id="parallax.cycle_theme"),
    ]

    def __init__(
        self,
        paths: Sequence[str] = (),
        *,
        theme: str | None = None,
        config_path: Path | None = None,
        semantic: bool = False,
        environ: dict[str, str] | None = None,
        comparison: Comparison | None = None,
        aligner: Aligner | None = None,
    ) -> None:
        super().__init__()
        self.animation_level = "none"
        self.paths = list(paths)
        self.given = comparison
        self.aligner = aligner
        self.config_path = config_path
        self.config, problems = load_config(config_path)
        self.glyphs: Glyphs = choose_glyphs(self.config.glyphs, environ)
        use_scrollbars_for(self.glyphs)
        self.options = Options(
            semantic=semantic or self.config.semantic, sensitivity=self.config.sensitivity
        )
        # Registered here, not in on_mount: the stylesheet resolves `$shared` & co. while the
        # app starts, before on_mount runs.
        themes, theme_problems = load_themes()
        for loaded in themes:
            self.register_theme(loaded)
        self.theme_names = [loaded.name for loaded in themes] or [DEFAULT_THEME]
        chosen, choice_problems = choose_theme(
            [
                ("--theme", theme),
                (f"{config_path or default_config_path()}: theme", self.config.theme),
            ],
            self.theme_names,
        )
        if chosen in self.available_themes:
            self.theme = chosen
        self.startup_problems = [*problems, *theme_problems, *choice_problems]
        self.set_keymap(dict(self.config.keymap))

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return variable_defaults()

    def get_default_screen(self) -> Screen[None]:
        """The reader is the first screen: no blank default screen is composed and painted."""
        return CompareScreen(
            self.paths,
            options=self.options,
            glyphs=self.glyphs,
            sidebar_side=self.config.sidebar,
            comparison=self.given,
            aligner=self.aligner,
        )

    def on_mount(self) -> None:
        for problem in self.startup_problems:
            self.notify(problem, title="Settings", severity="warning", timeout=10)

    @property
    def compare_screen(self) -> CompareScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, CompareScreen)), None)

    def action_cycle_theme(self) -> None:
        """Next theme of the `themes/` folders, remembered in the config file."""
        names = self.theme_names
        index = names.index(self.theme) if self.theme in names else -1
        self.switch_theme(names[(index + 1) % len(names)])

    def switch_theme(self, name: str) -> None:
        self.theme = name
        try:
            remember_theme(name, self.config_path)
        except OSError as error:
            self.notify(f"could not remember the theme: {error}", severity="warning")
        self.notify(f"Theme: {name}", timeout=2)

    def action_help(self) -> None:
        if not isinstance(self.screen, CompareScreen):
            return
        screen = self.screen
        nodes = (screen.view, screen.sidebar, screen, self)
        self.push_screen(help_for(screen, self.glyphs, nodes))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Next theme", "Switch to the next Parallax theme", self.action_cycle_theme
        )
        for name in self.theme_names:
            yield SystemCommand(f"Theme: {name}", "Switch theme", partial(self.switch_theme, name))
        compare = self.compare_screen
        if compare is None or compare.comparison is None:
            return
        for index, article in enumerate(compare.comparison.articles):
            yield SystemCommand(
                f"Pivot to source {index + 1}: {article.source}",
                "Align every pane on this source's order",
                partial(compare.set_pivot, index),
            )
        yield SystemCommand(
            "Toggle figures sidebar", "Show or hide the figures", compare.action_toggle_sidebar
        )
        yield SystemCommand(
            "Only differences", "Fold rows every source shares", compare.action_toggle_fold
        )
        yield SystemCommand(
            "Toggle page furniture", "Hide or show boilerplate", compare.action_toggle_furniture
        )


def make_app(
    paths: Sequence[str], *, theme: str | None, config: str | None, semantic: bool
) -> ParallaxApp:
    """The app for these CLI arguments."""
    return ParallaxApp(
        paths, theme=theme, config_path=Path(config) if config else None, semantic=semantic
    )


__all__ = ["ParallaxApp", "make_app"]

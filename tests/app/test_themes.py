"""Theme files: strict validation, user themes, and colours that survive low-colour terminals."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich._palettes import EIGHT_BIT_PALETTE, STANDARD_PALETTE
from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.app import App, ComposeResult
from textual.color import Color, rgb_to_lab
from textual.theme import Theme
from textual.widgets import Static

from tui.app.themes import (
    APP_TEXT_STYLES,
    APP_VARIABLES,
    DEFAULT_THEME,
    builtin_theme_dir,
    choose_theme,
    load_theme_file,
    load_themes,
    user_theme_dir,
    variable_defaults,
)

REPO = Path(__file__).resolve().parents[2]
BUILTIN_NAMES = {"parallax-dark", "parallax-light", "high-contrast", "monochrome", "colorblind"}
TINTS = ("shared", "shared-some", "divergent", "focus")
# Issue 6 / TEXTUAL_NOTES 3.3: tints at least ~15 L* from the surface survive 256-colour rounding.
MIN_TINT_LIGHTNESS = 15.0
# WCAG 2 AA: 4.5 for body text, 3 for coloured marks that also carry a style or glyph.
BODY_CONTRAST = 4.5
MARK_CONTRAST = 3.0


@pytest.fixture(autouse=True)
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point XDG_CONFIG_HOME at an empty folder so the developer's own themes stay out."""
    config_home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    return config_home


def builtin_themes() -> dict[str, Theme]:
    themes, problems = load_themes()
    assert problems == []
    return {theme.name: theme for theme in themes}


def _palette(triplets: str) -> tuple[tuple[int, int, int], ...]:
    """Sixteen "r,g,b" triplets separated by spaces, ANSI colour 0 first."""
    parsed = [tuple(int(part) for part in triplet.split(",")) for triplet in triplets.split()]
    assert len(parsed) == 16 and all(len(rgb) == 3 for rgb in parsed)
    return tuple((rgb[0], rgb[1], rgb[2]) for rgb in parsed)


# What a 16-colour terminal shows for ANSI colours 0-15 depends on its palette; Rich picks the
# index by nearest VGA colour. These are the defaults of the terminals editors are likely to have.
SIXTEEN_COLOUR_PALETTES: dict[str, tuple[tuple[int, int, int], ...]] = {
    # The Linux console (TERM=linux) and Rich's own reference palette.
    "vga": tuple(
        (STANDARD_PALETTE[n][0], STANDARD_PALETTE[n][1], STANDARD_PALETTE[n][2]) for n in range(16)
    ),
    # xterm's built-in defaults (XTerm-col.ad).
    "xterm": _palette(
        "0,0,0 205,0,0 0,205,0 205,205,0 0,0,238 205,0,205 0,205,205 229,229,229 "
        "127,127,127 255,0,0 0,255,0 255,255,0 92,92,255 255,0,255 0,255,255 255,255,255"
    ),
    # GNOME Terminal / VTE "Tango".
    "tango": _palette(
        "46,52,54 204,0,0 78,154,6 196,160,0 52,101,164 117,80,123 6,152,154 211,215,207 "
        "85,87,83 239,41,41 138,226,52 252,233,79 114,159,207 173,127,168 52,226,226 238,238,236"
    ),
    # Windows Terminal "Campbell".
    "campbell": _palette(
        "12,12,12 197,15,31 19,161,14 193,156,0 0,55,218 136,23,152 58,150,221 204,204,204 "
        "118,118,118 231,72,86 22,198,12 249,241,165 59,120,255 180,0,158 97,214,214 242,242,242"
    ),
}
# 16 colours are a degraded mode whose palette we do not control: body text must still reach
# WCAG's 3:1 floor for UI components, and each tint must stay a band at least 8 L* (about half
# the truecolor rule) away from the surface, in every palette above.
SIXTEEN_COLOUR_CONTRAST = 3.0
SIXTEEN_COLOUR_BAND = 8.0


def lightness(colour: str) -> float:
    return rgb_to_lab(Color.parse(colour)).L


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio."""

    def luminance(colour: str) -> float:
        parsed = Color.parse(colour)

        def channel(value: int) -> float:
            scaled = value / 255
            return scaled / 12.92 if scaled <= 0.03928 else ((scaled + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(parsed.r) + 0.7152 * channel(parsed.g) + 0.0722 * channel(parsed.b)

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def rounded(colour: str, system: ColorSystem) -> int | None:
    """The palette index a terminal of `system` colours draws for `colour` (Rich's downgrade)."""
    return RichColor.parse(Color.parse(colour).hex6).downgrade(system).number


def terminal_rgb(colour: str, system: ColorSystem) -> str:
    """The colour a 256- or 16-colour terminal actually shows (xterm / VGA palette values)."""
    palette = STANDARD_PALETTE if system == ColorSystem.STANDARD else EIGHT_BIT_PALETTE
    number = rounded(colour, system)
    assert number is not None
    red, green, blue = palette[number]
    return Color(red, green, blue).hex6


def sixteen_colour_rgb(colour: str, palette: str) -> str:
    """The colour a 16-colour terminal with `palette` shows for `colour`."""
    number = rounded(colour, ColorSystem.STANDARD)
    assert number is not None
    red, green, blue = SIXTEEN_COLOUR_PALETTES[palette][number]
    return Color(red, green, blue).hex6


def is_grey(colour: str) -> bool:
    parsed = Color.parse(colour)
    return parsed.r == parsed.g == parsed.b


def test_builtin_themes_load_without_problems() -> None:
    assert set(builtin_themes()) == BUILTIN_NAMES
    assert DEFAULT_THEME in BUILTIN_NAMES
    assert builtin_theme_dir() == REPO / "themes"


@pytest.mark.parametrize("name", sorted(BUILTIN_NAMES))
def test_builtin_theme_defines_every_app_variable(name: str) -> None:
    theme = builtin_themes()[name]
    assert set(theme.variables) >= set(APP_VARIABLES) | set(APP_TEXT_STYLES)
    for base in ("background", "surface", "panel", "foreground", "primary", "secondary"):
        assert getattr(theme, base) is not None, base


@pytest.mark.parametrize("name", sorted(BUILTIN_NAMES))
@pytest.mark.parametrize("tint", TINTS)
def test_tints_stand_out_from_the_surface(name: str, tint: str) -> None:
    theme = builtin_themes()[name]
    assert theme.surface is not None
    value = theme.variables[tint]
    if Color.parse(value) == Color.parse(theme.surface):
        # "No tint": allowed only when the text style carries the mark instead.
        assert theme.variables[f"{tint}-text-style"] != "none"
        return
    # Panes may be drawn on either; both must leave the band visible.
    for ground in (theme.surface, theme.background):
        assert ground is not None
        assert abs(lightness(value) - lightness(ground)) >= MIN_TINT_LIGHTNESS


@pytest.mark.parametrize("name", sorted(BUILTIN_NAMES))
def test_tints_stay_apart_after_256_and_16_colour_rounding(name: str) -> None:
    theme = builtin_themes()[name]
    assert theme.surface is not None
    eight_bit = {rounded(theme.variables[tint], ColorSystem.EIGHT_BIT) for tint in TINTS}
    assert len(eight_bit) == len(TINTS)
    surface_16 = rounded(theme.surface, ColorSystem.STANDARD)
    standard = [rounded(theme.variables[tint], ColorSystem.STANDARD) for tint in TINTS[:3]]
    if all(is_grey(theme.variables[tint]) for tint in TINTS):
        return  # monochrome: 16 colours hold only four greys; styles and glyphs carry meaning
    assert len(set(standard)) == 3
    assert surface_16 not in standard


@pytest.mark.parametrize("name", sorted(BUILTIN_NAMES))
@pytest.mark.parametrize("system", [None, ColorSystem.EIGHT_BIT, ColorSystem.STANDARD])
def test_text_reads_on_every_tint(name: str, system: ColorSystem | None) -> None:
    """Contrast in truecolor and after rounding to the xterm-256 and VGA-16 palettes."""
    theme = builtin_themes()[name]
    assert theme.foreground is not None and theme.surface is not None

    def shown(colour: str) -> str:
        return colour if system is None else terminal_rgb(colour, system)

    failures = []
    for tint in TINTS:
        background = shown(theme.variables[tint])
        if contrast(shown(theme.foreground), background) < BODY_CONTRAST:
            failures.append(f"foreground on {tint}")
        # Variants are drawn only inside the focused claim, so only on the focus tint.
        marks = ("figure", "moved", "variant") if tint == "focus" else ("figure", "moved")
        for mark in marks:
            if contrast(shown(theme.variables[mark]), background) < MARK_CONTRAST:
                failures.append(f"{mark} on {tint}")
    # A conflict is drawn reversed on an explicit $surface background (themes/README.md).
    if contrast(shown(theme.variables["conflict"]), shown(theme.surface)) < BODY_CONTRAST:
        failures.append("surface on conflict")
    assert failures == []


@pytest.mark.parametrize("name", sorted(BUILTIN_NAMES))
@pytest.mark.parametrize("palette", sorted(SIXTEEN_COLOUR_PALETTES))
def test_sixteen_colour_terminals_keep_bands_and_text(name: str, palette: str) -> None:
    theme = builtin_themes()[name]
    assert theme.foreground is not None and theme.surface is not None
    surface = sixteen_colour_rgb(theme.surface, palette)
    text = sixteen_colour_rgb(theme.foreground, palette)
    failures = []
    for tint in TINTS:
        if Color.parse(theme.variables[tint]) == Color.parse(theme.surface):
            continue  # "no tint" (see test_tints_stand_out_from_the_surface)
        band = sixteen_colour_rgb(theme.variables[tint], palette)
        if abs(lightness(band) - lightness(surface)) < SIXTEEN_COLOUR_BAND:
            failures.append(f"{tint} band vanishes")
        if contrast(text, band) < SIXTEEN_COLOUR_CONTRAST:
            failures.append(f"foreground on {tint}")
    assert failures == []


def test_variable_defaults_come_from_the_default_theme() -> None:
    defaults = variable_defaults()
    assert set(defaults) == set(APP_VARIABLES) | set(APP_TEXT_STYLES)
    default_theme = builtin_themes()[DEFAULT_THEME]
    assert all(defaults[key] == default_theme.variables[key] for key in defaults)


def test_no_colour_literals_outside_theme_files() -> None:
    literal = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|\b(?:rgb|hsl)a?\(\s*\d")
    offenders = [
        f"{path.relative_to(REPO)}:{number}"
        for pattern in ("*.py", "*.tcss")
        for path in sorted((REPO / "tui").rglob(pattern))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert offenders == []


VALID_THEME = """\
name: my-theme
dark: true
primary: "#336699"
surface: "#101010"
variables:
  shared: "#335577"
  divergent-text-style: bold underline
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name: x\nprimary: '#336699'\ncolour: red\n", "colour: unknown key; allowed: name, dark"),
        ("name: x\nprimary: '#33669'\n", "primary: '#33669' is not a colour"),
        ("name: x\nprimary: 12\n", "primary: expected a colour string"),
        ("primary: '#336699'\n", "name: required"),
        ("name: two words\nprimary: '#336699'\n", "name: required, a non-empty string"),
        ("name: x\n", "primary: required"),
        ("name: x\nprimary: '#336699'\ndark: maybe\n", "dark: must be true or false"),
        ("name: x\nprimary: red\nvariables: {sharred: red}\n", "variables.sharred: unknown"),
        ("name: x\nprimary: red\nvariables: {shared: reddish}\n", "variables.shared: 'reddish'"),
        (
            "name: x\nprimary: red\nvariables: {shared-text-style: shiny}\n",
            "variables.shared-text-style: 'shiny' is not a text style",
        ),
        ("name: x\nprimary: red\nvariables: [shared]\n", "variables: expected a mapping"),
        ("- name\n- x\n", "expected a mapping of theme keys"),
        ("name: x\nprimary: [unclosed\n", "not valid YAML: line 3"),
    ],
)
def test_invalid_theme_file_is_skipped_with_one_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    folder = tmp_path / "themes"
    folder.mkdir()
    (folder / "bad.yaml").write_text(text, encoding="utf-8")
    (folder / "good.yaml").write_text(VALID_THEME, encoding="utf-8")
    themes, problems = load_themes([folder])
    assert [theme.name for theme in themes if theme.name not in BUILTIN_NAMES] == ["my-theme"]
    assert len(problems) == 1
    assert problems[0].startswith(f"{folder / 'bad.yaml'}: ")
    assert expected in problems[0]
    assert "\n" not in problems[0]


def test_user_theme_folder_adds_and_replaces_themes(isolated_config: Path) -> None:
    folder = user_theme_dir()
    assert folder == isolated_config / "parallax" / "themes"
    folder.mkdir(parents=True)
    (folder / "mine.yml").write_text(VALID_THEME, encoding="utf-8")
    replacement = VALID_THEME.replace("name: my-theme", f"name: {DEFAULT_THEME}")
    (folder / "override.yaml").write_text(replacement, encoding="utf-8")
    (folder / "notes.txt").write_text("not a theme", encoding="utf-8")
    themes, problems = load_themes()
    by_name = {theme.name: theme for theme in themes}
    assert problems == []
    assert set(by_name) == BUILTIN_NAMES | {"my-theme"}
    assert by_name[DEFAULT_THEME].primary == "#336699"
    assert by_name["my-theme"].variables == {
        "shared": "#335577",
        "divergent-text-style": "bold underline",
    }


def test_theme_file_accepts_textual_design_variables(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        VALID_THEME + "  footer-key-foreground: '#ffcc00'\n  block-cursor-text-style: none\n",
        encoding="utf-8",
    )
    theme = load_theme_file(path)
    assert theme.variables["footer-key-foreground"] == "#ffcc00"


@pytest.mark.parametrize(
    ("requested", "chosen", "problem_count"),
    [
        ([("--theme", "monochrome"), ("config", "colorblind")], "monochrome", 0),
        ([("--theme", None), ("config", "colorblind")], "colorblind", 0),
        ([("--theme", "nope"), ("config", "colorblind")], "colorblind", 1),
        ([("--theme", "nope"), ("config", "gone")], DEFAULT_THEME, 2),
        ([], DEFAULT_THEME, 0),
    ],
)
def test_choose_theme_falls_back_and_names_the_setting(
    requested: list[tuple[str, str | None]], chosen: str, problem_count: int
) -> None:
    name, problems = choose_theme(requested, sorted(BUILTIN_NAMES))
    assert name == chosen
    assert len(problems) == problem_count
    if problems:
        assert problems[0].startswith(f"{requested[0][0]}: 'nope' is not a theme; available: ")


class VariableProbe(App[None]):
    """The smallest app that uses the reader's variables the way its .tcss does."""

    CSS = """
    #divergent { background: $divergent; text-style: $divergent-text-style; color: $figure; }
    #conflict { color: $conflict; background: $surface; text-style: $conflict-text-style; }
    """

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return variable_defaults()

    def compose(self) -> ComposeResult:
        yield Static("divergent", id="divergent")
        yield Static("conflict", id="conflict")


async def test_every_theme_drives_textual_css() -> None:
    app = VariableProbe()
    async with app.run_test() as pilot:
        for theme in builtin_themes().values():
            app.register_theme(theme)
            app.theme = theme.name
            await pilot.pause()
            divergent = app.query_one("#divergent").rich_style
            conflict = app.query_one("#conflict").rich_style
            assert divergent.bgcolor is not None
            assert divergent.bgcolor.triplet == Color.parse(theme.variables["divergent"]).rgb
            assert divergent.bold
            assert conflict.reverse

"""YAML theme files turned into Textual themes carrying the reader's own variables.

Colours live only in `themes/*.yaml` (house style: no hex in code), so the defaults Textual
needs before any theme is applied are read from the default theme's file too. A bad theme file
never stops the reader: it is skipped with one line naming the file, the key and what is allowed
(posting's `load_user_themes` keeps loaded and failed themes apart the same way).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import platformdirs
import yaml
from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.theme import BUILTIN_THEMES, Theme

from tui.core.errors import error_line, yaml_problem
from tui.core.loading import bundled_path

# libyaml's loader when PyYAML was built with it: the same data, ~7x faster on the theme files,
# which are read before the first frame.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

APP_NAME = "parallax"
DEFAULT_THEME = "parallax-dark"
THEME_SUFFIXES = (".yaml", ".yml")

# Colour variables every built-in theme defines; `$shared` and friends in the reader's .tcss.
#   shared: said by ALL sources (tint); shared-some: said by some (>= 2) sources;
#   divergent: unique to this source; figure: a figure in the text; conflict: a figure in
#   conflict; focus: members of the focused claim; variant: underline colour of word-level
#   variants; moved: "partner sits elsewhere" links; furniture: boilerplate text (dim).
APP_VARIABLES: tuple[str, ...] = (
    "shared",
    "shared-some",
    "divergent",
    "figure",
    "conflict",
    "focus",
    "variant",
    "moved",
    "furniture",
)
# One text style per mark (`text-style: $divergent-text-style`), so meaning survives NO_COLOR,
# 16 colours and the monochrome theme; Textual names its own style variables the same way
# (`block-cursor-text-style`).
APP_TEXT_STYLES: tuple[str, ...] = tuple(f"{name}-text-style" for name in APP_VARIABLES)

BASE_COLOURS: tuple[str, ...] = (
    "primary",
    "secondary",
    "accent",
    "background",
    "surface",
    "panel",
    "foreground",
    "warning",
    "error",
    "success",
    "boost",
)
_TOP_LEVEL_KEYS = ("name", "dark", *BASE_COLOURS, "variables")


def _textual_variable_names() -> frozenset[str]:
    """Textual's own design variables, which a theme may also override (`footer-key-foreground`)."""
    reference = BUILTIN_THEMES["textual-dark"].to_color_system().generate()
    return frozenset(reference)


_TEXTUAL_VARIABLES = _textual_variable_names()
_ALLOWED_VARIABLES = frozenset(APP_VARIABLES) | frozenset(APP_TEXT_STYLES) | _TEXTUAL_VARIABLES


class ThemeFileError(ValueError):
    """A theme file that cannot become a theme; the message is one line naming file and key."""


def builtin_theme_dir() -> Path:
    """The themes shipped with the package (the wheel's copy, else the checkout's `themes/`)."""
    return bundled_path("themes")


def user_theme_dir() -> Path:
    """Where users drop their own theme files: `<XDG config>/parallax/themes`."""
    return Path(platformdirs.user_config_dir(APP_NAME)) / "themes"


def theme_files(directory: Path) -> list[Path]:
    """Theme files in `directory`, sorted by name so loading order is stable."""
    if not directory.is_dir():
        return []
    return sorted(
        path
        for path in directory.iterdir()
        if path.suffix.lower() in THEME_SUFFIXES and path.is_file()
    )


def load_themes(extra_dirs: Sequence[Path] = ()) -> tuple[list[Theme], list[str]]:
    """Built-in themes, then the user's, then `extra_dirs`; a later theme replaces a same-named one.

    Returns the themes in that order and one problem line per file that was skipped.
    """
    folders = [builtin_theme_dir(), user_theme_dir(), *extra_dirs]
    by_name: dict[str, Theme] = {}
    problems: list[str] = []
    seen: set[Path] = set()
    for folder in folders:
        resolved = folder.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        for path in theme_files(folder):
            try:
                theme = load_theme_file(path)
            except ThemeFileError as error:
                problems.append(str(error))
                continue
            by_name.pop(theme.name, None)
            by_name[theme.name] = theme
    return list(by_name.values()), problems


def load_theme_file(path: Path) -> Theme:
    """Read and validate one YAML theme file; raises `ThemeFileError` with a one-line message."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ThemeFileError(f"{path}: cannot read: {error_line(error)}") from None
    try:
        data = yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as error:
        raise ThemeFileError(f"{path}: not valid YAML: {yaml_problem(error)}") from None
    return theme_from_mapping(data, str(path))


def theme_from_mapping(data: Any, source: str) -> Theme:
    """Validate parsed YAML strictly and build the Textual theme; `source` names it in messages."""
    if not isinstance(data, Mapping):
        raise ThemeFileError(f"{source}: expected a mapping of theme keys (name, primary, ...)")
    unknown = [str(key) for key in data if key not in _TOP_LEVEL_KEYS]
    if unknown:
        raise ThemeFileError(
            f"{source}: {unknown[0]}: unknown key; allowed: {', '.join(_TOP_LEVEL_KEYS)}"
        )
    name = data.get("name")
    if not isinstance(name, str) or not name or any(character.isspace() for character in name):
        raise ThemeFileError(f"{source}: name: required, a non-empty string without spaces")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeFileError(f"{source}: dark: must be true or false")
    if "primary" not in data:
        raise ThemeFileError(f"{source}: primary: required, a colour such as '#rrggbb'")
    colours = {
        key: _colour(data[key], source, key) for key in BASE_COLOURS if data.get(key) is not None
    }
    variables = _variables(data.get("variables", {}), source)
    return Theme(
        name=name,
        primary=colours["primary"],
        secondary=colours.get("secondary"),
        accent=colours.get("accent"),
        background=colours.get("background"),
        surface=colours.get("surface"),
        panel=colours.get("panel"),
        foreground=colours.get("foreground"),
        warning=colours.get("warning"),
        error=colours.get("error"),
        success=colours.get("success"),
        boost=colours.get("boost"),
        dark=dark,
        variables=variables,
    )


def _variables(raw: Any, source: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ThemeFileError(f"{source}: variables: expected a mapping of variable: value")
    variables: dict[str, str] = {}
    for key, value in raw.items():
        where = f"variables.{key}"
        if key not in _ALLOWED_VARIABLES:
            raise ThemeFileError(
                f"{source}: {where}: unknown variable; allowed: {', '.join(APP_VARIABLES)}, "
                "their '-text-style' forms, or a Textual variable"
            )
        if str(key).endswith("-style"):
            variables[key] = _text_style(value, source, where)
        else:
            variables[key] = _colour(value, source, where)
    return variables


def _colour(value: Any, source: str, key: str) -> str:
    """A colour Textual can parse ('#rrggbb', 'rgb(...)', a named colour); kept as written."""
    if not isinstance(value, str):
        raise ThemeFileError(f"{source}: {key}: expected a colour string such as '#rrggbb'")
    try:
        Color.parse(value)
    except ColorParseError:
        raise ThemeFileError(
            f"{source}: {key}: {value!r} is not a colour; use '#rrggbb', 'rgb(r,g,b)' or a name"
        ) from None
    return value


def _text_style(value: Any, source: str, key: str) -> str:
    """Space-separated Textual style flags ('bold underline', 'reverse', 'none')."""
    if not isinstance(value, str) or not value.split():
        raise ThemeFileError(f"{source}: {key}: expected text-style words such as 'bold underline'")
    bad = [word for word in value.split() if word not in VALID_STYLE_FLAGS]
    if bad:
        allowed = ", ".join(sorted(VALID_STYLE_FLAGS))
        raise ThemeFileError(f"{source}: {key}: {bad[0]!r} is not a text style; allowed: {allowed}")
    return value


@functools.cache
def variable_defaults() -> dict[str, str]:
    """The default theme's app variables, for `App.get_theme_variable_defaults()`.

    Read from the default theme's YAML so no colour is written in code. A theme that leaves a
    variable out falls back to these values.
    """
    path = _builtin_theme_path(DEFAULT_THEME)
    theme = load_theme_file(path)
    wanted = (*APP_VARIABLES, *APP_TEXT_STYLES)
    missing = [name for name in wanted if name not in theme.variables]
    if missing:
        raise ThemeFileError(f"{path}: variables.{missing[0]}: the default theme must define it")
    return {name: theme.variables[name] for name in wanted}


def _builtin_theme_path(name: str) -> Path:
    for path in theme_files(builtin_theme_dir()):
        if path.stem == name:
            return path
    raise ThemeFileError(f"{builtin_theme_dir()}: {name}.yaml: the built-in theme is missing")


def choose_theme(
    requested: Iterable[tuple[str, str | None]], available: Iterable[str]
) -> tuple[str, list[str]]:
    """The first requested theme that exists, else the default; one problem per unknown name.

    `requested` pairs where the name came from (`--theme`, `config.yaml: theme`) with the name,
    in priority order, so the message says which setting to fix.
    """
    names = list(available)
    problems: list[str] = []
    for origin, name in requested:
        if name is None:
            continue
        if name in names:
            return name, problems
        problems.append(f"{origin}: {name!r} is not a theme; available: {', '.join(names)}")
    fallback = DEFAULT_THEME if DEFAULT_THEME in names else (names[0] if names else DEFAULT_THEME)
    return fallback, problems

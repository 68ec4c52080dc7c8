"""The user's YAML config file: theme, analysis settings, layout and key rebinding.

A bad value never stops the reader: that key keeps its default and the caller gets one line
naming the file, the key and what is allowed. The file is the user's, so writing the remembered
theme edits only the `theme:` line and keeps their comments and other keys.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, cast

import platformdirs
import yaml

from tui.core.errors import error_line, yaml_problem
from tui.core.options import Options

# libyaml's loader when PyYAML was built with it: the same data, ~7x faster on the theme files,
# which are read before the first frame.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

APP_NAME = "parallax"
CONFIG_FILE = "config.yaml"
SIDEBAR_SIDES = ("left", "right")
GLYPH_SETS = ("auto", "unicode", "ascii")

SidebarSide = Literal["left", "right"]
GlyphSet = Literal["auto", "unicode", "ascii"]


@dataclass(frozen=True, slots=True)
class Config:
    """Settings from the config file; every field has a default so a missing file is fine.

    `keymap` maps a binding id to the keys that should trigger it (`"next_divergent": "n,x"`),
    the form `App.set_keymap` takes.
    """

    theme: str | None = None
    sensitivity: float = Options().sensitivity
    semantic: bool = False
    sidebar: SidebarSide = "right"
    keymap: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    glyphs: GlyphSet = "auto"

    def options(self) -> Options:
        """The analysis settings this config asks for."""
        return Options(semantic=self.semantic, sensitivity=self.sensitivity)


def default_config_path() -> Path:
    """`<XDG config>/parallax/config.yaml` (platformdirs picks the folder per platform)."""
    return Path(platformdirs.user_config_dir(APP_NAME)) / CONFIG_FILE


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """Read the config file; returns the config and one problem line per bad key.

    A missing file gives the defaults and no problem: most users never write one.
    """
    path = default_config_path() if path is None else path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(), []
    except (OSError, UnicodeDecodeError) as error:
        return Config(), [f"{path}: cannot read: {error_line(error)}; using defaults"]
    try:
        data = yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as error:
        return Config(), [f"{path}: not valid YAML: {yaml_problem(error)}; using defaults"]
    if data is None:
        return Config(), []
    if not isinstance(data, Mapping):
        return Config(), [
            f"{path}: expected a mapping of settings (theme: ..., ...); using defaults"
        ]
    return config_from_mapping(data, str(path))


def config_from_mapping(data: Mapping[Any, Any], source: str) -> tuple[Config, list[str]]:
    """Validate each key on its own so one bad value costs only that setting."""
    known = [item.name for item in fields(Config)]
    config = Config()
    problems: list[str] = []
    for key, value in data.items():
        check = _CHECKS.get(key) if isinstance(key, str) else None
        if check is None:
            problems.append(f"{source}: {key}: unknown setting; allowed: {', '.join(known)}")
            continue
        checked, allowed = check(value)
        if allowed is not None:
            problems.append(f"{source}: {key}: {allowed}; using the default")
            continue
        config = replace(config, **{key: checked})
    return config, problems


# Each check returns (value, None) or (None, "what is allowed").
_Check = Callable[[Any], tuple[Any, str | None]]


def _check_theme(value: Any) -> tuple[Any, str | None]:
    if value is None:
        return None, None
    if isinstance(value, str) and value.strip() and not any(c.isspace() for c in value):
        return value, None
    return None, "must be a theme name such as parallax-dark"


def _check_sensitivity(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1:
        return float(value), None
    return None, "must be a number from 0 to 1 (higher pairs more sentences)"


def _check_semantic(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, bool):
        return value, None
    return None, "must be true or false"


def _check_sidebar(value: Any) -> tuple[Any, str | None]:
    if value in SIDEBAR_SIDES:
        return cast(SidebarSide, value), None
    return None, f"must be one of: {', '.join(SIDEBAR_SIDES)}"


def _check_glyphs(value: Any) -> tuple[Any, str | None]:
    if value in GLYPH_SETS:
        return cast(GlyphSet, value), None
    return None, f"must be one of: {', '.join(GLYPH_SETS)}"


# A Textual key name: letters, digits, '_' and '+' for modifiers (`ctrl+n`, `f1`,
# `left_square_bracket`), or one printable character.
_KEY_NAME = re.compile(r"^[a-z0-9_+]+$|^.$")


def _check_keymap(value: Any) -> tuple[Any, str | None]:
    allowed = "must map binding ids to keys, e.g. next_divergent: n,x"
    if value is None:
        return MappingProxyType({}), None
    if not isinstance(value, Mapping):
        return None, allowed
    keymap: dict[str, str] = {}
    for binding_id, keys in value.items():
        if not isinstance(binding_id, str) or not isinstance(keys, str):
            return None, allowed
        names = [name.strip() for name in keys.split(",")]
        if not all(names) or not all(_KEY_NAME.match(name) for name in names):
            return None, f"{binding_id}: {keys!r} is not a comma-separated list of key names"
        keymap[binding_id] = ",".join(names)
    return MappingProxyType(keymap), None


_CHECKS: dict[str, _Check] = {
    "theme": _check_theme,
    "sensitivity": _check_sensitivity,
    "semantic": _check_semantic,
    "sidebar": _check_sidebar,
    "keymap": _check_keymap,
    "glyphs": _check_glyphs,
}

# A top-level `theme:` line (not indented, so not a key inside some nested mapping).
_THEME_LINE = re.compile(r"^theme[ \t]*:.*$", re.MULTILINE)


def remember_theme(name: str, path: Path | None = None) -> None:
    """Store `name` as the theme in the config file, keeping everything else in it.

    Only the top-level `theme:` line is replaced (or appended), so comments survive. The write
    is atomic (a temporary file in the same folder, then `os.replace`): a crash leaves the old
    file or the new one, never half of one. Raises `OSError` when the file cannot be written;
    the caller reports it and carries on.
    """
    path = default_config_path() if path is None else path
    line = f"theme: {json.dumps(name)}"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    if _THEME_LINE.search(text):
        updated = _THEME_LINE.sub(lambda _match: line, text, count=1)
    else:
        updated = text + ("" if not text or text.endswith("\n") else "\n") + line + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, updated)


def _write_atomically(path: Path, text: str) -> None:
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

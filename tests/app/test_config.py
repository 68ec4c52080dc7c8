"""The config file: defaults, one-line problems per bad key, and remembering the theme."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.app import ParallaxApp
from tui.app.config import Config, default_config_path, load_config, remember_theme
from tui.app.screens.compare import CompareScreen


@pytest.fixture(autouse=True)
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config_home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    return config_home


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_default_path_is_in_the_xdg_config_folder(isolated_config: Path) -> None:
    assert default_config_path() == isolated_config / "parallax" / "config.yaml"


def test_missing_file_gives_defaults_and_no_problem(tmp_path: Path) -> None:
    assert load_config(tmp_path / "absent.yaml") == (Config(), [])
    assert load_config() == (Config(), [])


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "theme: monochrome\nsensitivity: 0.8\nsemantic: true\nsidebar: left\n"
        "keymap:\n  parallax.next_divergent: x, n\n  parallax.quit: ctrl+q\nglyphs: ascii\n",
    )
    config, problems = load_config(path)
    assert problems == []
    assert config.theme == "monochrome"
    assert config.sensitivity == 0.8
    assert config.semantic is True
    assert config.sidebar == "left"
    assert dict(config.keymap) == {"parallax.next_divergent": "x,n", "parallax.quit": "ctrl+q"}
    assert config.glyphs == "ascii"
    assert config.options().sensitivity == 0.8
    assert config.options().semantic is True


def test_empty_file_is_fine(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, "# nothing yet\n")) == (Config(), [])


@pytest.mark.parametrize(
    ("text", "key", "allowed"),
    [
        ("sensitivity: 2\n", "sensitivity", "must be a number from 0 to 1"),
        ("sensitivity: high\n", "sensitivity", "must be a number from 0 to 1"),
        ("semantic: yes please\n", "semantic", "must be true or false"),
        ("sidebar: top\n", "sidebar", "must be one of: left, right"),
        ("glyphs: emoji\n", "glyphs", "must be one of: auto, unicode, ascii"),
        ("theme: 3\n", "theme", "must be a theme name"),
        ("keymap: [n]\n", "keymap", "must map binding ids to keys"),
        ("keymap:\n  parallax.quit: 'ctrl q'\n", "keymap", "is not a comma-separated list"),
        ("colour: red\n", "colour", "unknown setting; allowed: theme, sensitivity"),
    ],
)
def test_bad_value_keeps_the_default_and_names_file_key_and_allowed(
    tmp_path: Path, text: str, key: str, allowed: str
) -> None:
    good_key, good_value = ("sidebar", "left") if key == "semantic" else ("semantic", True)
    path = write(tmp_path, f"{good_key}: {str(good_value).lower()}\n{text}")
    config, problems = load_config(path)
    assert getattr(config, good_key) == good_value  # the good key beside the bad one counts
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: {key}: ")
    assert allowed in problems[0]
    assert "\n" not in problems[0]
    if key in Config.__dataclass_fields__:
        assert getattr(config, key) == getattr(Config(), key)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("theme: [unclosed\n", "not valid YAML: line 2"),
        ("- just\n- a list\n", "expected a mapping of settings"),
    ],
)
def test_unreadable_file_gives_defaults_and_one_line(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = write(tmp_path, text)
    config, problems = load_config(path)
    assert config == Config()
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}: ")
    assert expected in problems[0]


def test_remember_theme_creates_the_file(isolated_config: Path) -> None:
    remember_theme("colorblind")
    path = isolated_config / "parallax" / "config.yaml"
    assert load_config(path) == (Config(theme="colorblind"), [])


def test_remember_theme_keeps_comments_and_other_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# my settings\ntheme: parallax-dark  # was dark\nsidebar: left\n"
        "keymap:\n  theme: not-the-top-level-key\n",
    )
    path.chmod(0o600)
    remember_theme("high-contrast", path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith('# my settings\ntheme: "high-contrast"\nsidebar: left\n')
    assert "  theme: not-the-top-level-key\n" in text
    assert path.stat().st_mode & 0o777 == 0o600
    config, _ = load_config(path)
    assert (config.theme, config.sidebar) == ("high-contrast", "left")
    assert [entry.name for entry in tmp_path.iterdir()] == ["config.yaml"]  # no temp file left


def test_remember_theme_appends_when_there_is_no_theme_line(tmp_path: Path) -> None:
    path = write(tmp_path, "sidebar: left")
    remember_theme("monochrome", path)
    assert path.read_text(encoding="utf-8") == 'sidebar: left\ntheme: "monochrome"\n'


def test_remember_theme_raises_when_it_cannot_write(tmp_path: Path) -> None:
    blocker = tmp_path / "parallax"
    blocker.write_text("a file where the config folder should be", encoding="utf-8")
    with pytest.raises(OSError):
        remember_theme("colorblind", blocker / "config.yaml")
    assert blocker.read_text(encoding="utf-8").startswith("a file")


async def test_bad_theme_and_config_files_still_open_the_reader(
    isolated_config: Path, sample_paths: list[str]
) -> None:
    themes = isolated_config / "parallax" / "themes"
    themes.mkdir(parents=True)
    (themes / "broken.yaml").write_text("name: broken\nprimary: '#12345'\n", encoding="utf-8")
    config = isolated_config / "parallax" / "config.yaml"
    config.write_text("theme: broken\nsidebar: top\n", encoding="utf-8")

    app = ParallaxApp(sample_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert app.theme == "parallax-dark"
        problems = app.startup_problems
        assert len(problems) == 3
        assert all("\n" not in problem for problem in problems)
        assert any(p.startswith(f"{themes / 'broken.yaml'}: primary: ") for p in problems)
        assert any(p.startswith(f"{config}: sidebar: must be one of") for p in problems)
        assert any("'broken' is not a theme" in problem for problem in problems)

"""Reading article files and story folders into decoded text plus metadata.

Bytes are decoded once, here, and never rewritten afterwards: every later offset indexes the
decoded text (BOM removed). Anything unusable becomes an `InputError` naming the file, so the
CLI can print one line and the reader can keep what it could read.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tui.core.errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md")
STORY_FILE = "story.yaml"
# Stated limits (README): a news article is rarely over 200 KB; 10 MB is a generous bound that
# keeps analysis time and memory bounded; 500 articles is more than any story needs.
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ARTICLES = 500
METADATA_KEYS = ("title", "source", "url", "published", "language")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class LoadedArticle:
    """One article's decoded text and metadata, before cleaning and segmentation."""

    id: str
    path: str
    source: str
    title: str | None
    url: str | None
    published: str | None
    language: str | None
    text: str
    # Length of a YAML front-matter block at the start of `text` (0 when there is none).
    front_matter_end: int


@dataclass(frozen=True, slots=True)
class LoadedStory:
    """What could be read, in reading order, and one problem per input that could not."""

    title: str | None
    articles: tuple[LoadedArticle, ...]
    problems: tuple[InputError, ...]


def decode_bytes(data: bytes, path: str) -> str:
    """Decode article bytes: UTF-8 (BOM or not), UTF-16/32 with BOM, else a detected codec."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(codec), path)
            except UnicodeDecodeError as error:
                raise InputError(path, f"invalid {codec.upper()} at byte {error.start}") from None
    try:
        return _checked(data.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    return _checked(_detect_legacy(data, path), path)


def _detect_legacy(data: bytes, path: str) -> str:
    """Ask charset-normalizer for the encoding of text that is not UTF-8."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(path, "binary or undecodable bytes (not UTF-8, UTF-16 or a known codec)")
    return str(best)


def _checked(text: str, path: str) -> str:
    """Reject decoded text that is really binary: NULs or many control characters."""
    if "\x00" in text:
        raise InputError(path, "binary file (contains NUL bytes)")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max(8, len(text) // 100):
        raise InputError(path, "binary file (too many control characters)")
    return text


def read_article_text(path: Path, shown: str) -> str:
    """Read and decode one file, with the size limit and every OS error as an `InputError`."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                shown, f"file is {size / 1e6:.1f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit"
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(shown, error.strerror or str(error)) from None
    if not data:
        raise InputError(shown, "empty file")
    text = decode_bytes(data, shown)
    if not text.strip():
        raise InputError(shown, "blank file (only whitespace)")
    return text


def split_front_matter(text: str, shown: str) -> tuple[dict[str, Any], int]:
    """YAML front matter between `---` lines at the top: its mapping and where it ends."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, 0
    body = match.group(1) or ""
    meta = _parse_yaml(body, shown, "front matter")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(shown, "front matter is not a YAML mapping")
    return meta, match.end()


def _parse_yaml(source: str, shown: str, what: str) -> Any:
    try:
        return yaml.safe_load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise InputError(shown, f"broken YAML in {what}{where}: {problem}") from None


def _iso_date(value: Any, shown: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise InputError(shown, f"'published' is not a YYYY-MM-DD date: {text!r}") from None


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _read_story_file(folder: Path, shown_folder: str) -> dict[str, Any]:
    story_path = folder / STORY_FILE
    shown = os.path.join(shown_folder, STORY_FILE)
    if not story_path.is_file():
        return {}
    try:
        source = decode_bytes(story_path.read_bytes(), shown)
    except OSError as error:
        raise InputError(shown, error.strerror or str(error)) from None
    data = _parse_yaml(source, shown, STORY_FILE)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(shown, "story.yaml is not a YAML mapping")
    for key, kind in (("order", list), ("articles", dict)):
        if key in data and data[key] is not None and not isinstance(data[key], kind):
            raise InputError(shown, f"'{key}' must be a {'list' if kind is list else 'mapping'}")
    return data


def _folder_files(folder: Path, story: dict[str, Any]) -> list[Path]:
    files = sorted(
        (p for p in folder.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES and not p.is_dir()),
        key=lambda p: p.name,
    )
    order = [str(name) for name in (story.get("order") or [])]
    rank = {name: position for position, name in enumerate(order)}
    return sorted(files, key=lambda p: (rank.get(p.name, len(rank)), p.name))


def _unique_id(stem: str, taken: set[str]) -> str:
    candidate, n = stem, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _expand(paths: Sequence[str]) -> Iterable[tuple[str, Path, dict[str, Any] | None] | InputError]:
    """(shown path, file, per-file story metadata) for every article, or a problem."""
    for given in paths:
        path = Path(given)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.is_file()
            if not exists:
                os.stat(path)  # raises the precise reason (ELOOP, EACCES) when there is one
        except OSError as error:
            yield InputError(given, error.strerror or str(error))
            continue
        if not exists:
            yield InputError(given, "no such file or folder")
            continue
        if not is_dir:
            yield (given, path, None)
            continue
        try:
            story = _read_story_file(path, given)
            files = _folder_files(path, story)
        except InputError as error:
            yield error
            continue
        except OSError as error:
            yield InputError(given, error.strerror or str(error))
            continue
        if not files:
            yield InputError(given, "folder has no .txt or .md articles")
            continue
        per_file = story.get("articles") or {}
        folder_meta = {"__story_title__": story.get("title")}
        for file in files:
            meta = per_file.get(file.name) or {}
            if not isinstance(meta, dict):
                meta = {}
            yield (os.path.join(given, file.name), file, {**folder_meta, **meta})


def load_story(paths: Sequence[str]) -> LoadedStory:
    """Read every article under `paths`; problems are collected, never raised."""
    articles: list[LoadedArticle] = []
    problems: list[InputError] = []
    taken: set[str] = set()
    title: str | None = None
    for item in _expand(paths):
        if isinstance(item, InputError):
            problems.append(item)
            continue
        shown, file, story_meta = item
        if len(articles) >= MAX_ARTICLES:
            problems.append(InputError(shown, f"skipped: more than {MAX_ARTICLES} articles"))
            continue
        try:
            text = read_article_text(file, shown)
            front, front_end = split_front_matter(text, shown)
            meta = {**(story_meta or {}), **{k: front[k] for k in METADATA_KEYS if k in front}}
            published = _iso_date(meta.get("published"), shown)
        except InputError as error:
            problems.append(error)
            continue
        if title is None:
            title = _optional_str((story_meta or {}).get("__story_title__"))
        article_id = _unique_id(file.stem, taken)
        articles.append(
            LoadedArticle(
                id=article_id,
                path=shown,
                source=_optional_str(meta.get("source")) or article_id,
                title=_optional_str(meta.get("title")),
                url=_optional_str(meta.get("url")),
                published=published,
                language=_optional_str(meta.get("language")),
                text=text,
                front_matter_end=front_end,
            )
        )
    return LoadedStory(title=title, articles=tuple(articles), problems=tuple(problems))


def bundled_path(*parts: str) -> Path:
    """A folder the wheel carries (`sample_data`, `themes`), else the checkout's own copy."""
    package = Path(__file__).resolve().parent.parent
    inside = package.joinpath("_bundled", *parts)
    if inside.exists():
        return inside
    return package.parent.joinpath(*parts)


def sample_story_path() -> str:
    """The bundled sample story's folder, as a path string."""
    return str(bundled_path("sample_data", "kursk"))

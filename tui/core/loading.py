"""Reading article files and story folders into decoded text plus metadata.

Bytes are decoded once, here, and never rewritten afterwards: every later offset indexes the
decoded text (BOM removed, newlines kept as they were). Anything unusable becomes an
`InputError` naming the file, so the CLI can print one line and the reader can keep what it
could read: `load_story` collects problems and never raises.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md")
STORY_FILE = "story.yaml"
# Stated limits (README). A long news article is 10-50 KB. tests/perf/bench_huge.py measured
# (2 busy cores) a 1.9 MB article at 43 s before figure grouping, and a 9 MB one at over 100 s;
# 1 MB (20 long articles in one file) keeps one file's analysis to seconds once every stage
# scales linearly, and the whole story stays within what a reader waits for.
MAX_FILE_BYTES = 1024 * 1024
# All articles of one story together. tests/perf/bench_huge.py: a synthetic 2 MB story of 500
# files (27,000 sentences, 67,500 figures) analysed in about 60 s with a 380 MB peak on 2 busy
# cores; a 10 MB one did not finish figure grouping in 400 s and peaked at 937 MB.
MAX_STORY_BYTES = 2 * 1024 * 1024
# A story of 500 articles is far beyond what anyone compares side by side; the bound keeps
# pairwise alignment (quadratic in sentences) and memory predictable.
MAX_ARTICLES = 500
METADATA_KEYS = ("title", "source", "url", "published", "language")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# File signatures of formats people save by mistake next to articles; naming the format is a
# clearer message than "binary".
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.odt/.epub)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "a program (ELF)"),
)
# Characters that never occur in text: C0 controls other than whitespace, and DEL.
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Chosen on the cp1252, latin-1, cp1250 and cp1254 cases in tests/core/test_loading.py:
# charset-normalizer's mess ratios of codecs that read a text equally well differ by < 0.05.
_CHAOS_TOLERANCE = 0.05
# See `_decode_legacy`.
_PREFERRED_LEGACY = "cp1252"
# Coherence (how much the decoded words look like one language) is a ratio in [0, 1]; a codec
# must beat windows-1252 by more than this to win (cp1254 Turkish does by 0.04).
_COHERENCE_MARGIN = 0.01


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


# ---------------------------------------------------------------------------------------------
# Bytes to text


def decode_bytes(data: bytes, path: str) -> str:
    """Decode article bytes: a BOM decides; else UTF-8; else what charset-normalizer detects."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(codec), path)
            except UnicodeDecodeError as error:
                raise InputError(
                    path, f"invalid {codec.upper()} at byte {error.start + len(bom)}"
                ) from None
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(path, f"binary file ({kind}), not text")
    if b"\x00" in data:
        # UTF-16/32 without a BOM is full of NULs; anything else with NULs is binary.
        return _checked(_decode_wide(data, path), path)
    try:
        return _checked(data.decode("utf-8"), path)
    except UnicodeDecodeError as error:
        if _mostly_utf8(data):
            if error.end >= len(data):
                raise InputError(path, "ends inside a UTF-8 character (truncated file?)") from None
            raise InputError(path, f"invalid UTF-8 at byte {error.start}") from None
    return _checked(_decode_legacy(data, path), path)


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes hold more valid UTF-8 sequences than broken ones: damaged UTF-8.

    Such a file (half-downloaded, or with a few stray bytes) must not be re-read as cp1252,
    which would turn every accented letter into two wrong ones.
    """
    decoded = data.decode("utf-8", errors="replace")
    broken = decoded.count("\ufffd")
    valid = len(decoded) - len(decoded.encode("ascii", "ignore")) - broken
    return valid >= broken


def _decode_wide(data: bytes, path: str) -> str:
    """UTF-16/32 without a BOM, as charset-normalizer detects it; else a binary-file error."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    encoding = (best.encoding or "") if best is not None else ""
    if best is None or not encoding.startswith(("utf_16", "utf_32")):
        offset = data.index(b"\x00")
        raise InputError(path, f"binary file (NUL byte at byte {offset}), not text")
    return str(best)


def _decode_legacy(data: bytes, path: str) -> str:
    """A legacy single-byte text, decoded with the codec charset-normalizer finds.

    charset-normalizer ranks Central-European codecs first when several read a text equally
    well, which turns "à" into "ŕ". windows-1252, the legacy codec of most Western news text
    (and the WHATWG reading of latin-1), wins unless another codec reads the bytes at least as
    cleanly and clearly more coherently (Polish in cp1250, say). Short Turkish cp1254 text can
    read equally well in both, and then comes out Western: a limit of detection, not of rules.
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(path, "undecodable bytes (not UTF-8, UTF-16 or a known text encoding)")
    least_mess = min(match.chaos for match in matches)
    western = next((m for m in matches if _PREFERRED_LEGACY in m.could_be_from_charset), None)
    if western is not None and western.chaos <= least_mess + _CHAOS_TOLERANCE:
        rivals = [
            m
            for m in matches
            if m.chaos <= western.chaos and m.coherence > western.coherence + _COHERENCE_MARGIN
        ]
        if not rivals:
            try:
                return data.decode(_PREFERRED_LEGACY)
            except UnicodeDecodeError:
                pass
    return str(best)


def _checked(text: str, path: str) -> str:
    """Reject decoded text that is really binary: NULs or many control characters."""
    if "\x00" in text:
        raise InputError(path, "binary file (contains NUL characters), not text")
    controls = len(_BINARY_CONTROLS.findall(text))
    # A stray escape or form feed happens in pasted text; one in a hundred characters does not.
    if controls > max(8, len(text) // 100):
        raise InputError(path, "binary file (control characters), not text")
    return text


# ---------------------------------------------------------------------------------------------
# One file


def _os_problem(error: OSError) -> str:
    reason = error.strerror or str(error)
    return reason[:1].lower() + reason[1:]


def read_file_bytes(path: Path, shown: str, limit: int | None = None) -> bytes:
    """The bytes of one regular file, refusing special files and files over `limit`."""
    if limit is None:
        limit = MAX_FILE_BYTES
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(shown, "not a regular file")
        if info.st_size > limit:
            raise InputError(shown, f"file is {_size(info.st_size)}, over the {_size(limit)} limit")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise InputError(shown, _os_problem(error)) from None
    if len(data) > limit:  # it grew while we looked
        raise InputError(shown, f"file is over the {_size(limit)} limit")
    return data


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 2**10:.0f} KB"


def read_article_text(path: Path, shown: str) -> str:
    """Read and decode one article file; every problem is an `InputError` naming it."""
    data = read_file_bytes(path, shown)
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
    meta = _parse_yaml(match.group(1) or "", shown, "front matter")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(shown, "front matter (the '---' block at the top) is not a YAML mapping")
    return _metadata(meta, shown, "front matter"), match.end()


def _parse_yaml(source: str, shown: str, what: str) -> Any:
    # Imported here: PyYAML costs ~15 ms to import and most articles carry no metadata.
    import yaml

    try:
        return yaml.safe_load(source)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise InputError(shown, f"broken YAML in {what}{where}: {problem}") from None


def _metadata(raw: dict[Any, Any], shown: str, where: str) -> dict[str, str | None]:
    """The known metadata keys of a mapping, checked: text values, `published` as a date."""
    meta: dict[str, str | None] = {}
    for key in METADATA_KEYS:
        if key not in raw:
            continue
        value = raw[key]
        if key == "published":
            meta[key] = _iso_date(value, shown, where)
        elif value is None:
            meta[key] = None
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            meta[key] = str(value).strip() or None
        else:
            raise InputError(shown, f"{where}: '{key}' must be text, not {type(value).__name__}")
    return meta


def _iso_date(value: Any, shown: str, where: str) -> str | None:
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
        raise InputError(
            shown, f"{where}: 'published' is not a YYYY-MM-DD date: {text!r}"
        ) from None


# ---------------------------------------------------------------------------------------------
# Folders and story.yaml


@dataclass(slots=True)
class _Story:
    """A folder's story.yaml, checked."""

    title: str | None = None
    order: list[str] = field(default_factory=list)
    articles: dict[str, dict[str, str | None]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Candidate:
    shown: str
    file: Path
    origin: str
    story_title: str | None
    meta: dict[str, str | None]


def _read_story_file(folder: Path, shown_folder: str) -> _Story:
    story_path = folder / STORY_FILE
    shown = os.path.join(shown_folder, STORY_FILE)
    if not os.path.lexists(story_path):
        return _Story()
    data = _parse_yaml(decode_bytes(read_file_bytes(story_path, shown), shown), shown, STORY_FILE)
    if data is None:
        return _Story()
    if not isinstance(data, dict):
        raise InputError(shown, "not a YAML mapping (expected title, order, articles)")
    title = _metadata({"title": data.get("title")}, shown, STORY_FILE).get("title")
    order = data.get("order") or []
    if not isinstance(order, list) or not all(isinstance(name, str) for name in order):
        raise InputError(shown, "'order' must be a list of file names")
    articles = data.get("articles") or {}
    if not isinstance(articles, dict):
        raise InputError(shown, "'articles' must be a mapping of file name to metadata")
    per_file: dict[str, dict[str, str | None]] = {}
    for name, meta in articles.items():
        if meta is None:
            meta = {}
        if not isinstance(meta, dict):
            raise InputError(shown, f"'articles' entry {name!r} must be a mapping")
        per_file[str(name)] = _metadata(meta, shown, f"articles: {name}")
    return _Story(title=title, order=list(order), articles=per_file)


def _article_files(folder: Path) -> list[Path]:
    """Article files directly in `folder`, by name; hidden files (`.x`, `._x.txt`) are not."""
    with os.scandir(folder) as entries:
        names = sorted(
            entry.name
            for entry in entries
            if not entry.name.startswith(".")
            and os.path.splitext(entry.name)[1].lower() in ARTICLE_SUFFIXES
            and not _is_dir(entry)
        )
    return [folder / name for name in names]


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Whether an entry is a folder; a symlink loop is not, and fails later with its own name."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _folder(given: str, folder: Path) -> Iterator[_Candidate | InputError]:
    try:
        story = _read_story_file(folder, given)
    except InputError as error:
        yield error  # the articles are still readable; only their metadata is lost
        story = _Story()
    try:
        files = _article_files(folder)
    except OSError as error:
        yield InputError(given, _os_problem(error))
        return
    if not files:
        yield InputError(given, "folder has no .txt or .md articles")
        return
    present = {file.name for file in files}
    shown_story = os.path.join(given, STORY_FILE)
    for name in [*story.order, *story.articles]:
        if name not in present:
            yield InputError(shown_story, f"names {name!r}, which is not an article in the folder")
    rank = {name: position for position, name in enumerate(story.order)}
    files.sort(key=lambda file: (rank.get(file.name, len(rank)), file.name))
    for file in files:
        yield _Candidate(
            shown=_printable(os.path.join(given, file.name)),
            file=file,
            origin=given,
            story_title=story.title,
            meta=story.articles.get(file.name, {}),
        )


def _expand(paths: Sequence[str]) -> Iterator[_Candidate | InputError]:
    """Every article file the paths name, in reading order, or the problem with a path."""
    for given in paths:
        shown = _printable(given)
        try:
            info = os.stat(given)
        except FileNotFoundError:
            broken = os.path.islink(given)
            yield InputError(shown, "broken symbolic link" if broken else "no such file or folder")
            continue
        except OSError as error:
            yield InputError(shown, _os_problem(error))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _folder(shown, Path(given))
        elif stat.S_ISREG(info.st_mode):
            yield _Candidate(shown=shown, file=Path(given), origin=shown, story_title=None, meta={})
        else:
            yield InputError(shown, "not a regular file or folder")


def _printable(path: str) -> str:
    """A path safe to print and to put in JSON: undecodable bytes in names become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _unique_id(stem: str, taken: set[str]) -> str:
    candidate, n = stem, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}", n + 1
    taken.add(candidate)
    return candidate


def load_story(paths: Sequence[str]) -> LoadedStory:
    """Read every article under `paths`; problems are collected, never raised."""
    articles: list[LoadedArticle] = []
    problems: list[InputError] = []
    taken: set[str] = set()
    seen_files: set[str] = set()
    over_limit: dict[str, int] = {}
    total_bytes = 0
    title: str | None = None
    for item in _expand(paths):
        if isinstance(item, InputError):
            problems.append(item)
            continue
        real = os.path.realpath(item.file)
        if real in seen_files:
            continue  # the same file named twice (a folder and a file in it) is one article
        seen_files.add(real)
        if len(articles) >= MAX_ARTICLES:
            over_limit[item.origin] = over_limit.get(item.origin, 0) + 1
            continue
        try:
            text = read_article_text(item.file, item.shown)
            front, front_end = split_front_matter(text, item.shown)
        except InputError as error:
            problems.append(error)
            continue
        size = len(text.encode("utf-8"))
        if total_bytes + size > MAX_STORY_BYTES:
            limit = _size(MAX_STORY_BYTES)
            problems.append(InputError(item.shown, f"skipped: the story would exceed {limit}"))
            continue
        total_bytes += size
        meta = {**item.meta, **front}
        if title is None:
            title = item.story_title
        article_id = _unique_id(_printable(item.file.stem), taken)
        articles.append(
            LoadedArticle(
                id=article_id,
                path=item.shown,
                source=meta.get("source") or article_id,
                title=meta.get("title"),
                url=meta.get("url"),
                published=meta.get("published"),
                language=meta.get("language"),
                text=text,
                front_matter_end=front_end,
            )
        )
    for origin, skipped in over_limit.items():
        problems.append(
            InputError(origin, f"{skipped} articles skipped: a story holds at most {MAX_ARTICLES}")
        )
    return LoadedStory(title=title, articles=tuple(articles), problems=tuple(problems))


# ---------------------------------------------------------------------------------------------
# Bundled data


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

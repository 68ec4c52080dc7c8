"""Loading: decoding, front matter, story.yaml, ids and limits, one function at a time."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from tui.core import loading
from tui.core.errors import InputError
from tui.core.loading import decode_bytes, load_story, split_front_matter

NEWS = "The ministry said on Monday that 1,200 troops had arrived. Officials declined to comment.\n"


def write(path: Path, data: bytes | str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


# --- decoding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Café owners said “prices rose” by 5 € – about 12 % – on Monday. Naïve, too.\n", "cp1252"),
        ("Le café était fermé à Noël. Über München, señor, à bientôt.\n", "latin-1"),
        ("Die Regierung erklärte am Montag: Größe, Übermaß, Straße.\n" * 3, "cp1252"),
        (
            "El Gobierno afirmó el lunes que las tropas están en Kursk. ¿Qué pasará? Año.\n",
            "cp1252",
        ),
        ("The minister’s office said the “plan” would cost €4.5 billion. " * 1500, "cp1252"),
        ("Zażółć gęślą jaźń. Rząd ogłosił w poniedziałek, że wojska wkroczyły.\n" * 3, "cp1250"),
        ("Правительство заявило в понедельник, что войска вошли в Курскую область.\n", "cp1251"),
        ("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία της χώρας.\n", "cp1253"),
    ],
    ids=["cp1252", "latin-1", "german", "spanish", "large-cp1252", "polish", "ru", "el"],
)
def test_legacy_codecs_are_detected_not_guessed(text: str, codec: str) -> None:
    assert decode_bytes(text.encode(codec), "a.txt") == text


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + NEWS.encode("utf-8"),
        NEWS.encode("utf-16"),
        b"\xfe\xff" + NEWS.encode("utf-16-be"),
        NEWS.encode("utf-16-le"),
        NEWS.encode("utf-16-be"),
        ("Київ — " + NEWS).encode("utf-16-le"),
        NEWS.encode("utf-32"),
    ],
    ids=["utf8-bom", "utf16-bom", "utf16be-bom", "utf16le", "utf16be", "utf16le-cyrillic", "utf32"],
)
def test_unicode_encodings_with_and_without_bom(data: bytes) -> None:
    assert decode_bytes(data, "a.txt").removeprefix("Київ — ") == NEWS


def test_newlines_are_kept_exactly() -> None:
    text = "One line.\r\nTwo line.\nThree line.\rFour.\r\n"
    assert decode_bytes(text.encode(), "a.txt") == text


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"Some text.\x00\x00\x00 then padding", "NUL"),
        (bytes(range(256)) * 8, "binary"),
        (("Café society said. " * 50).encode() + b"\xc3", "truncated"),
        (("Café society said. " * 50).encode() + b"\xff\xfe more", "invalid UTF-8"),
        (b"\xff\xfe" + b"\x00\xd8" + b"a\x00", "invalid UTF-16"),
        (b"ok " + b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 3, "control characters"),
    ],
    ids=["pdf", "png", "zip", "nul", "all-bytes", "truncated", "damaged", "utf16-surrogate", "ctl"],
)
def test_binary_and_broken_bytes_are_named(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "dir/a.txt")
    assert caught.value.path == "dir/a.txt"
    assert problem in caught.value.problem


def test_a_stray_control_character_is_still_text() -> None:
    text = "Page one ends here.\f\nPage two\x1b starts.\n"
    assert decode_bytes(text.encode(), "a.txt") == text


# --- front matter and metadata ----------------------------------------------------------------


def test_front_matter_fields_and_end() -> None:
    text = "---\ntitle: A title\nsource: Wire\npublished: 2024-11-04\n---\nBody text.\n"
    meta, end = split_front_matter(text, "a.md")
    assert meta == {"title": "A title", "source": "Wire", "published": "2024-11-04"}
    assert text[end:] == "Body text.\n"


def test_front_matter_with_crlf_and_datetime() -> None:
    text = "---\r\npublished: 2024-11-04T10:30:00Z\r\nurl: https://x.test/a\r\n---\r\nBody.\r\n"
    meta, end = split_front_matter(text, "a.md")
    assert meta == {"published": "2024-11-04", "url": "https://x.test/a"}
    assert text[end:] == "Body.\r\n"


def test_no_front_matter_without_closing_line() -> None:
    assert split_front_matter("---\nnot closed\nBody.\n", "a.md") == ({}, 0)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("---\ntitle: [unclosed\n---\nBody.\n", "broken YAML in front matter at line"),
        ("---\njust a sentence\n---\nBody.\n", "not a YAML mapping"),
        ("---\npublished: last Tuesday\n---\nBody.\n", "'published' is not a YYYY-MM-DD date"),
        ("---\ntitle:\n  - a\n  - b\n---\nBody.\n", "'title' must be text"),
    ],
    ids=["syntax", "scalar", "date", "list-title"],
)
def test_broken_front_matter(text: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        split_front_matter(text, "a.md")


def test_front_matter_overrides_story_yaml(tmp_path: Path) -> None:
    write(tmp_path / "story.yaml", "title: Story\narticles:\n  a.md: {source: From story}\n")
    write(tmp_path / "a.md", "---\nsource: From front matter\n---\n" + NEWS)
    write(tmp_path / "b.txt", NEWS)
    story = load_story([str(tmp_path)])
    assert story.title == "Story"
    assert [a.source for a in story.articles] == ["From front matter", "b"]
    assert story.articles[0].front_matter_end > 0


# --- story.yaml -------------------------------------------------------------------------------


def test_story_order_then_names(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.md", "d.txt"):
        write(tmp_path / name, NEWS)
    write(tmp_path / "story.yaml", "order: [d.txt, b.txt]\n")
    story = load_story([str(tmp_path)])
    assert [a.id for a in story.articles] == ["d", "b", "a", "c"]
    assert story.problems == ()


@pytest.mark.parametrize(
    ("yaml_text", "problem"),
    [
        ("title: [unclosed\n", "broken YAML in story.yaml at line"),
        ("- a list\n", "not a YAML mapping"),
        ("order: a.txt\n", "'order' must be a list"),
        ("articles: [a.txt]\n", "'articles' must be a mapping"),
        ("articles:\n  a.txt: just text\n", "'articles' entry 'a.txt' must be a mapping"),
        ("articles:\n  a.txt: {published: soon}\n", "'published' is not a YYYY-MM-DD date"),
        ("order: [a.txt, gone.txt]\n", "names 'gone.txt', which is not an article"),
        (b"\x89PNG\r\n\x1a\n", "binary file"),
    ],
    ids=["syntax", "list", "order", "articles", "entry", "date", "missing", "binary"],
)
def test_broken_story_yaml_keeps_the_articles(
    tmp_path: Path, yaml_text: str | bytes, problem: str
) -> None:
    write(tmp_path / "a.txt", NEWS)
    write(tmp_path / "story.yaml", yaml_text)
    story = load_story([str(tmp_path)])
    assert [a.id for a in story.articles] == ["a"]
    assert len(story.problems) == 1
    assert story.problems[0].path == os.path.join(str(tmp_path), "story.yaml")
    assert problem in story.problems[0].problem


# --- folders, ids, limits ---------------------------------------------------------------------


def test_ids_are_stems_made_unique(tmp_path: Path) -> None:
    first = write(tmp_path / "one" / "report.txt", NEWS)
    second = write(tmp_path / "two" / "report.md", NEWS)
    third = write(tmp_path / "report-2.txt", NEWS)
    story = load_story([first, second, third])
    assert [a.id for a in story.articles] == ["report", "report-2", "report-2-2"]
    assert [a.path for a in story.articles] == [first, second, third]


def test_same_file_twice_is_one_article(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", NEWS)
    write(tmp_path / "b.txt", NEWS)
    story = load_story([path, str(tmp_path), path])
    assert [a.id for a in story.articles] == ["a", "b"]
    assert story.problems == ()


def test_hidden_and_other_files_are_not_articles(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", NEWS)
    write(tmp_path / "._a.txt", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    write(tmp_path / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0")
    (tmp_path / "sub.txt").mkdir()
    story = load_story([str(tmp_path)])
    assert [a.id for a in story.articles] == ["a"]
    assert story.problems == ()


def test_problems_do_not_lose_what_was_read(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", NEWS)
    write(tmp_path / "b.txt", b"")
    write(tmp_path / "c.txt", NEWS)
    story = load_story([str(tmp_path), str(tmp_path / "missing.txt")])
    assert [a.id for a in story.articles] == ["a", "c"]
    assert [str(p) for p in story.problems] == [
        f"{tmp_path / 'b.txt'}: empty file",
        f"{tmp_path / 'missing.txt'}: no such file or folder",
    ]


def test_article_limit_is_one_problem_per_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loading, "MAX_ARTICLES", 3)
    for n in range(5):
        write(tmp_path / f"{n}.txt", NEWS)
    story = load_story([str(tmp_path)])
    assert len(story.articles) == 3
    assert [p.problem for p in story.problems] == ["2 articles skipped: a story holds at most 3"]


def test_size_limit_is_checked_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 2048)
    path = write(tmp_path / "a.txt", NEWS * 30)
    story = load_story([path])
    assert story.articles == ()
    assert [p.problem for p in story.problems] == ["file is 3 KB, over the 2 KB limit"]


def test_story_size_limit_skips_what_does_not_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loading, "MAX_STORY_BYTES", len(NEWS) * 2 + 10)
    write(tmp_path / "a.txt", NEWS)
    write(tmp_path / "b.txt", NEWS * 2)
    write(tmp_path / "c.txt", NEWS)
    story = load_story([str(tmp_path)])
    assert [a.id for a in story.articles] == ["a", "c"]
    assert [p.path for p in story.problems] == [str(tmp_path / "b.txt")]


def test_special_files_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    story = load_story([str(fifo)])
    assert [p.problem for p in story.problems] == ["not a regular file or folder"]


def test_undecodable_file_names_are_printable(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes in a UTF-8 file system
    write(tmp_path / name, NEWS)
    story = load_story([str(tmp_path)])
    assert story.articles[0].id == "caf\ufffd"
    story.articles[0].path.encode("utf-8")  # no lone surrogates left


def test_input_error_is_one_line_and_pickles() -> None:
    error = InputError("bad\nname.txt", "broken\rthing")
    assert str(error) == "bad\\nname.txt: broken\\rthing"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.problem) == (error.path, error.problem)


def test_bundled_sample_is_found() -> None:
    folder = Path(loading.sample_story_path())
    assert (folder / "story.yaml").is_file()
    assert len(list(folder.glob("*.txt"))) == 5

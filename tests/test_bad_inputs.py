"""The bad-input matrix (issue 7): whatever sits in a folder, `parallax export` either reads it
correctly or says in one line which file is unusable and why (exit 2), never a traceback.

Each case builds its input under tmp_path and returns the command-line paths. Refused cases
name the file the message must mention; read cases check what the export says about the text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tui.cli import main
from tui.core import loading

NEWS = (
    "The ministry said on Monday that 1,200 troops had arrived in the region.\n\n"
    "Officials declined to comment on the reports, citing security concerns.\n"
)
OTHER = (
    "About 1,200 soldiers reached the region on Monday, the ministry said.\n\n"
    "A spokesman would not comment, citing security.\n"
)


def write(path: Path, data: bytes | str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def export(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["export", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# --- refused inputs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    """A case whose export must fail: the message names `culprit` and says `problem`."""

    build: Callable[[Path], tuple[list[str], str]]
    problem: str


def _missing(tmp: Path) -> tuple[list[str], str]:
    return [str(tmp / "nowhere.txt")], "nowhere.txt"


def _empty_folder(tmp: Path) -> tuple[list[str], str]:
    (tmp / "story").mkdir()
    return [str(tmp / "story")], "story"


def _folder_of_other_files(tmp: Path) -> tuple[list[str], str]:
    write(tmp / "story" / "page.pdf", b"%PDF-1.4")
    write(tmp / "story" / "photo.jpg", b"\xff\xd8\xff\xe0")
    write(tmp / "story" / "story.yaml", "title: Nothing here\n")
    return [str(tmp / "story")], "story"


def _file(name: str, data: bytes | str) -> Callable[[Path], tuple[list[str], str]]:
    def build(tmp: Path) -> tuple[list[str], str]:
        return [write(tmp / name, data)], name

    return build


def _bad_among_good(tmp: Path) -> tuple[list[str], str]:
    write(tmp / "story" / "a.txt", NEWS)
    write(tmp / "story" / "b.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp / "story" / "c.txt", OTHER)
    return [str(tmp / "story")], "b.txt"


def _huge(tmp: Path) -> tuple[list[str], str]:
    path = tmp / "dump.txt"
    with open(path, "wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 2**20)
    return [str(path)], "dump.txt"


def _unreadable(tmp: Path) -> tuple[list[str], str]:
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    path = write(tmp / "secret.txt", NEWS)
    os.chmod(path, 0)
    return [path], "secret.txt"


def _unreadable_folder(tmp: Path) -> tuple[list[str], str]:
    if os.geteuid() == 0:
        pytest.skip("root reads folders whatever their mode")
    write(tmp / "locked" / "a.txt", NEWS)
    os.chmod(tmp / "locked", 0)
    return [str(tmp / "locked")], "locked"


def _symlink_loop(tmp: Path) -> tuple[list[str], str]:
    os.symlink(tmp / "loop-b.txt", tmp / "loop-a.txt")
    os.symlink(tmp / "loop-a.txt", tmp / "loop-b.txt")
    return [str(tmp / "loop-a.txt")], "loop-a.txt"


def _symlink_loop_in_folder(tmp: Path) -> tuple[list[str], str]:
    write(tmp / "story" / "a.txt", NEWS)
    os.symlink(tmp / "story" / "self.txt", tmp / "story" / "self.txt")
    return [str(tmp / "story")], "self.txt"


def _broken_symlink(tmp: Path) -> tuple[list[str], str]:
    os.symlink(tmp / "gone.txt", tmp / "link.txt")
    return [str(tmp / "link.txt")], "link.txt"


def _fifo(tmp: Path) -> tuple[list[str], str]:
    os.mkfifo(tmp / "pipe.txt")
    return [str(tmp / "pipe.txt")], "pipe.txt"


def _story_yaml(text: str) -> Callable[[Path], tuple[list[str], str]]:
    def build(tmp: Path) -> tuple[list[str], str]:
        write(tmp / "story" / "a.txt", NEWS)
        write(tmp / "story" / "b.txt", OTHER)
        write(tmp / "story" / "story.yaml", text)
        return [str(tmp / "story")], "story.yaml"

    return build


def _too_many(tmp: Path) -> tuple[list[str], str]:
    for n in range(loading.MAX_ARTICLES + 1):
        write(tmp / "story" / f"{n:03d}.txt", f"Report number {n} says the count was {n}.\n")
    return [str(tmp / "story")], "story"


def _story_too_big(tmp: Path) -> tuple[list[str], str]:
    line = "Officials said the talks would go on. " * 50 + "\n"
    body = line * int(0.9 * 2**20 // len(line))
    for n in range(loading.MAX_STORY_BYTES // len(body) + 1):
        write(tmp / "story" / f"{n:02d}.txt", body)
    return [str(tmp / "story")], f"{n:02d}.txt"


def _newline_in_name(tmp: Path) -> tuple[list[str], str]:
    return [write(tmp / "bad\nname.txt", b"")], "bad\\nname.txt"


def _bad_pivot(tmp: Path) -> tuple[list[str], str]:
    return ["--pivot", "nobody", write(tmp / "a.txt", NEWS), write(tmp / "b.txt", OTHER)], "nobody"


REFUSED: dict[str, Refused] = {
    "missing path": Refused(_missing, "no such file or folder"),
    "folder with no articles": Refused(_empty_folder, "folder has no .txt or .md articles"),
    "folder of non-articles": Refused(_folder_of_other_files, "folder has no .txt or .md"),
    "empty file": Refused(_file("empty.txt", b""), "empty file"),
    "blank file": Refused(_file("blank.txt", " \n\t\r\n  \n"), "blank file"),
    "binary file": Refused(_file("noise.txt", bytes(range(256)) * 64), "binary file"),
    "PDF saved as .txt": Refused(_file("article.txt", b"%PDF-1.7\n%\xe2\xe3\n"), "PDF document"),
    "Word document": Refused(_file("article.txt", b"PK\x03\x04\x14\x00"), "ZIP archive"),
    "NUL bytes in text": Refused(_file("nul.txt", NEWS.encode() + b"\x00\x00"), "NUL byte"),
    "invalid UTF-8": Refused(
        _file("bad.txt", ("Café. " * 40).encode() + b"\xff more."), "invalid UTF-8"
    ),
    "truncated UTF-8": Refused(_file("half.txt", ("Café. " * 40).encode() + b"\xe2\x80"), "trunc"),
    "broken UTF-16": Refused(_file("u16.txt", b"\xff\xfe\x00\xd8a\x00"), "invalid UTF-16"),
    "control characters": Refused(_file("ctl.txt", b"\x01\x02\x03\x04\x05\x06\x07" * 9), "control"),
    "50 MB file": Refused(_huge, "over the 1.0 MB limit"),
    "unreadable file": Refused(_unreadable, "permission denied"),
    "unreadable folder": Refused(_unreadable_folder, "permission denied"),
    "symlink loop": Refused(_symlink_loop, "too many levels of symbolic links"),
    "symlink loop in a folder": Refused(_symlink_loop_in_folder, "symbolic links"),
    "broken symlink": Refused(_broken_symlink, "broken symbolic link"),
    "named pipe": Refused(_fifo, "not a regular file or folder"),
    "broken story.yaml": Refused(_story_yaml("title: [unclosed\n"), "broken YAML in story.yaml"),
    "story.yaml is a list": Refused(_story_yaml("- a.txt\n- b.txt\n"), "not a YAML mapping"),
    "story.yaml names a missing file": Refused(
        _story_yaml("order: [a.txt, c.txt]\n"), "names 'c.txt'"
    ),
    "story.yaml bad date": Refused(
        _story_yaml("articles:\n  a.txt: {published: yesterday}\n"), "not a YYYY-MM-DD date"
    ),
    "broken front matter": Refused(
        _file("fm.md", "---\ntitle: [unclosed\n---\n" + NEWS), "broken YAML in front matter"
    ),
    "front matter title not text": Refused(
        _file("fm.md", "---\ntitle: {a: 1}\n---\n" + NEWS), "'title' must be text"
    ),
    "one bad file among good": Refused(_bad_among_good, "PNG image"),
    "more than 500 articles": Refused(_too_many, "1 articles skipped"),
    "story over 2 MB in all": Refused(_story_too_big, "the story would exceed 2.0 MB"),
    "newline in a file name": Refused(_newline_in_name, "empty file"),
    "unknown --pivot": Refused(_bad_pivot, "no such article"),
}


@pytest.mark.parametrize("case", REFUSED.values(), ids=REFUSED.keys())
def test_refused_with_one_line(
    case: Refused, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args, culprit = case.build(tmp_path)
    status, out, err = export(args, capsys)
    assert status == 2, err
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith("parallax: ")
    assert culprit in err
    assert case.problem in err
    assert "Traceback" not in err


# --- awkward but valid inputs -----------------------------------------------------------------


@dataclass(frozen=True)
class Read:
    """A case whose export must succeed; `check` looks at the parsed export.

    Cases with a time bound run in a subprocess that is killed at the bound, so a stage that
    turns quadratic fails the test instead of hanging the suite.
    """

    build: Callable[[Path], list[str]]
    check: Callable[[dict[str, Any]], None]
    seconds: float | None = None


def _texts(data: dict[str, Any]) -> list[str]:
    return [article["text"] for article in data["articles"]]


def _one(name: str, data: bytes | str) -> Callable[[Path], list[str]]:
    return lambda tmp: [write(tmp / name, data)]


def _pair(first: bytes | str, second: bytes | str) -> Callable[[Path], list[str]]:
    return lambda tmp: [write(tmp / "a.txt", first), write(tmp / "b.txt", second)]


def _expect_texts(*texts: str) -> Callable[[dict[str, Any]], None]:
    def check(data: dict[str, Any]) -> None:
        assert _texts(data) == list(texts)

    return check


CP1252 = (
    "Café owners said “prices rose” by 5 € – about 12 % – on Monday. Naïve critics disagreed.\n"
)
MIXED = "First line ends here.\r\nSecond line ends here.\nThird line.\rFourth line.\r\n"


def _check_one_sentence(data: dict[str, Any]) -> None:
    (article,) = data["articles"]
    assert [s["text"] for s in article["sentences"]] == ["Troops crossed the border on Monday."]


def _check_alone(data: dict[str, Any]) -> None:
    assert len(data["articles"]) == 1
    assert data["claims"] == []
    assert data["articles"][0]["sentences"]


def _duplicates(tmp: Path) -> list[str]:
    return [write(tmp / "a.txt", NEWS), write(tmp / "copy.txt", NEWS), write(tmp / "c.txt", OTHER)]


def _check_duplicates(data: dict[str, Any]) -> None:
    assert [a["id"] for a in data["articles"]] == ["a", "copy", "c"]
    first, copy = (a["sentences"] for a in data["articles"][:2])
    for left, right in zip(first, copy, strict=True):
        shared = {c for c in left["claims"]} & {c for c in right["claims"]}
        assert shared, f"{left['id']} and {right['id']} are the same sentence"


def _same_stem(tmp: Path) -> list[str]:
    return [write(tmp / "x" / "report.txt", NEWS), write(tmp / "y" / "report.md", OTHER)]


def _check_same_stem(data: dict[str, Any]) -> None:
    assert [a["id"] for a in data["articles"]] == ["report", "report-2"]


def _large(tmp: Path) -> list[str]:
    paragraphs = []
    size, n = 0, 0
    while size < 0.9 * 2**20:  # 0.9 MB: inside the 1 MB limit
        paragraph = (
            f"The regional governor said on day {n} that {n % 97 + 2} buildings were damaged "
            f"in district {n}. Crews worked through shift {n}, officials said.\n\n"
        )
        paragraphs.append(paragraph)
        size, n = size + len(paragraph), n + 1
    return [write(tmp / "large.txt", "".join(paragraphs)), write(tmp / "b.txt", NEWS)]


def _check_large(data: dict[str, Any]) -> None:
    assert len(data["articles"][0]["text"]) > 900_000
    assert len(data["articles"][0]["sentences"]) > 9_000


LONG_LINE = " ".join(f"word{n % 977}" for n in range(14_000))[:100_000]


def _check_long_line(data: dict[str, Any]) -> None:
    (article,) = data["articles"]
    covered = "".join(s["text"] for s in article["sentences"])
    covered += "".join(article["text"][b["start"] : b["end"]] for b in article["boilerplate"])
    assert len(covered.replace(" ", "")) == len(LONG_LINE.replace(" ", ""))


def _many(tmp: Path) -> list[str]:
    for n in range(loading.MAX_ARTICLES):
        write(
            tmp / "story" / f"{n:03d}.txt",
            f"Outlet {n} reports that {n % 40 + 3} people were hurt in the blast on Friday.\n\n"
            f"Its correspondent number {n} says the station has been closed since then.\n",
        )
    return [str(tmp / "story")]


def _check_many(data: dict[str, Any]) -> None:
    assert len(data["articles"]) == loading.MAX_ARTICLES


def _front_matter(tmp: Path) -> list[str]:
    head = (
        "---\ntitle: Troops arrive\nsource: Wire\nurl: https://news.test/a\n"
        "published: 2024-11-04\n---\n"
    )
    return [write(tmp / "a.md", head + NEWS), write(tmp / "b.txt", OTHER)]


def _check_front_matter(data: dict[str, Any]) -> None:
    article = data["articles"][0]
    assert (article["title"], article["source"], article["url"], article["published"]) == (
        "Troops arrive",
        "Wire",
        "https://news.test/a",
        "2024-11-04",
    )
    assert article["text"].startswith("---\n")
    assert all(s["start"] >= article["text"].index(NEWS[:20]) for s in article["sentences"])


def _story_folder(tmp: Path) -> list[str]:
    write(tmp / "s" / "b.txt", NEWS)
    write(tmp / "s" / "a.txt", OTHER)
    write(tmp / "s" / ".DS_Store", b"\x00\x00\x00\x01Bud1\x00")
    write(tmp / "s" / "._a.txt", b"\x00\x05\x16\x07\x00\x02")
    write(tmp / "s" / "notes.pdf", b"%PDF-1.4")
    write(
        tmp / "s" / "story.yaml",
        "title: Arrival\norder: [b.txt]\narticles:\n  a.txt: {source: B}\n",
    )
    return [str(tmp / "s")]


def _check_story_folder(data: dict[str, Any]) -> None:
    assert data["story"]["title"] == "Arrival"
    assert [(a["id"], a["source"]) for a in data["articles"]] == [("b", "b"), ("a", "B")]


ASTRAL = "Reporters 📰 said 3 drones 🛸 fell near Kursk.\n\nThe army 🪖 denied it."


def _check_astral(data: dict[str, Any]) -> None:
    article = data["articles"][0]
    assert article["text"] == ASTRAL
    for sentence in article["sentences"]:
        assert article["text"][sentence["start"] : sentence["end"]] == sentence["text"]


READ: dict[str, Read] = {
    "cp1252 text": Read(_one("legacy.txt", CP1252.encode("cp1252")), _expect_texts(CP1252)),
    "latin-1 text": Read(
        _one("l1.txt", "Le café était fermé à Noël, señor.\n".encode("latin-1")),
        _expect_texts("Le café était fermé à Noël, señor.\n"),
    ),
    "UTF-8 with BOM": Read(_one("bom.txt", b"\xef\xbb\xbf" + NEWS.encode()), _expect_texts(NEWS)),
    "UTF-16 with BOM": Read(_one("u16.txt", NEWS.encode("utf-16")), _expect_texts(NEWS)),
    "UTF-16 BE with BOM": Read(
        _one("u16be.txt", b"\xfe\xff" + NEWS.encode("utf-16-be")), _expect_texts(NEWS)
    ),
    "UTF-16 LE without BOM": Read(_one("u16le.txt", NEWS.encode("utf-16-le")), _expect_texts(NEWS)),
    "UTF-16 BE without BOM": Read(_one("u16be.txt", NEWS.encode("utf-16-be")), _expect_texts(NEWS)),
    "mixed newlines kept": Read(_one("nl.txt", MIXED), _expect_texts(MIXED)),
    "CRLF only": Read(
        _one("crlf.txt", NEWS.replace("\n", "\r\n")), _expect_texts(NEWS.replace("\n", "\r\n"))
    ),
    "one sentence": Read(
        _one("one.txt", "Troops crossed the border on Monday.\n"), _check_one_sentence
    ),
    "one article": Read(_one("alone.txt", NEWS), _check_alone),
    "headline without punctuation": Read(
        _one("h.txt", "Troops arrive in Kursk"), _expect_texts("Troops arrive in Kursk")
    ),
    "duplicate articles": Read(_duplicates, _check_duplicates),
    "same stem twice": Read(_same_stem, _check_same_stem),
    "large file within the limit": Read(_large, _check_large, seconds=30.0),
    "100,000-character line": Read(_one("line.txt", LONG_LINE), _check_long_line, seconds=10.0),
    "500 files": Read(_many, _check_many, seconds=30.0),
    "front matter": Read(_front_matter, _check_front_matter),
    "story folder with litter": Read(_story_folder, _check_story_folder),
    "emoji offsets": Read(_one("emoji.txt", ASTRAL), _check_astral),
    "form feed and tab": Read(
        _one("ff.txt", "Page one.\f\nPage\ttwo.\n"), _expect_texts("Page one.\f\nPage\ttwo.\n")
    ),
    "non-ASCII file name": Read(
        _one("статья.txt", NEWS), lambda data: _expect_ids(data, ["статья"])
    ),
    "Markdown article": Read(
        _one("a.md", "# Troops arrive\n\n" + NEWS), _expect_texts("# Troops arrive\n\n" + NEWS)
    ),
    "cp1252 next to UTF-8": Read(
        _pair(CP1252.encode("cp1252"), CP1252), _expect_texts(CP1252, CP1252)
    ),
}


def _expect_ids(data: dict[str, Any], ids: list[str]) -> None:
    assert [a["id"] for a in data["articles"]] == ids


@pytest.mark.parametrize("case", READ.values(), ids=READ.keys())
def test_read_correctly(case: Read, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = case.build(tmp_path)
    if case.seconds is None:
        status, out, err = export(args, capsys)
    else:
        status, out, err = _export_within(args, case.seconds)
    assert (status, err) == (0, "")
    data = json.loads(out)
    for article in data["articles"]:
        text = article["text"]
        previous_end = 0
        for sentence in article["sentences"]:
            assert previous_end <= sentence["start"] < sentence["end"] <= len(text)
            assert text[sentence["start"] : sentence["end"]] == sentence["text"]
            previous_end = sentence["end"]
    case.check(data)


def _export_within(args: list[str], seconds: float) -> tuple[int, str, str]:
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tui", "export", *args],
            capture_output=True,
            timeout=seconds,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"export took longer than {seconds:.0f} s")
    elapsed = time.perf_counter() - started
    assert elapsed < seconds
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def test_matrix_size() -> None:
    """Issue 7 asks for at least 30 cases."""
    assert len(REFUSED) + len(READ) >= 30

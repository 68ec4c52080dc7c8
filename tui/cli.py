"""The `parallax` command: open the reader, or `export` the analysis as JSON.

stdout is data, stderr is diagnostics: one line, `parallax: <file>: <problem>`, never a
traceback. `export` never imports Textual, and every heavy import is deferred so `--help` and
`export` start fast.

Exit status: 0 done, 1 a bug in Parallax (one line; PARALLAX_DEBUG=1 shows the traceback),
2 unusable input or arguments, 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from tui import __version__
from tui.core.errors import one_line

EXIT_OK = 0
EXIT_BUG = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
DEBUG_VARIABLE = "PARALLAX_DEBUG"


def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax export",
        description="Print the analysis of a story as JSON (schema parallax.comparison/1). "
        "Fails (exit 2) if any input cannot be read: a report never omits a source silently.",
    )
    parser.add_argument("--format", choices=["json"], default="json", help="output format")
    parser.add_argument(
        "--pivot", metavar="ARTICLE_ID", help="add aligned rows for this article as pivot"
    )
    parser.add_argument(
        "--semantic", action="store_true", help="add the offline embedding model (extra)"
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="article files or story folders (default: sample)"
    )
    return parser


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parallax",
        description=(
            "Read several articles about one story side by side: shared and divergent "
            "sentences, figures and conflicts. `parallax export PATH...` prints JSON."
        ),
        epilog="With no PATH, opens the bundled sample story. Low-colour terminals: "
        "--theme high-contrast or --theme monochrome.",
    )
    parser.add_argument("--version", action="version", version=f"parallax {__version__}")
    parser.add_argument("--theme", metavar="NAME", help="theme name (see themes/)")
    parser.add_argument("--config", metavar="PATH", help="config file (default: XDG config dir)")
    parser.add_argument(
        "--semantic", action="store_true", help="add the offline embedding model (extra)"
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="article files or story folders")
    return parser


def _fail(message: str) -> int:
    print(f"parallax: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _write_stdout(text: str) -> None:
    """UTF-8 bytes whatever the locale says, so the export is the same bytes everywhere."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # replaced by a text-only stream (tests capturing output)
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def _semantic_problem(wanted: bool) -> str | None:
    """`--semantic` without the optional extra is a command-line error, said in one line."""
    if not wanted:
        return None
    from tui.core.semantic import unavailable_reason

    reason = unavailable_reason()
    return None if reason is None else f"--semantic: {reason}"


def export_main(argv: Sequence[str]) -> int:
    """`parallax export`: strict; any unreadable input fails the whole report."""
    args = _export_parser().parse_args(list(argv))
    problem = _semantic_problem(args.semantic)
    if problem is not None:
        return _fail(problem)
    if not args.semantic:
        # Read when numpy loads OpenBLAS. Its thread pool cost ~130 ms of CPU per export of
        # the sample (threads spin after each product) and bought nothing: the products here
        # are narrow, and a 3,600-paragraph story exported 8% faster on one thread, with
        # identical bytes. The embedding model's big products keep the pool; so does a user's
        # own setting.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

    from tui.core.errors import InputError
    from tui.core.exporting import to_json
    from tui.core.loading import sample_story_path
    from tui.core.options import Options
    from tui.core.pipeline import build_comparison

    paths = args.paths or [sample_story_path()]
    try:
        comparison, _ = build_comparison(paths, Options(semantic=args.semantic), strict=True)
    except InputError as error:
        return _fail(str(error))
    alignment = None
    if args.pivot is not None:
        if args.pivot not in comparison.article_ids:
            known = ", ".join(comparison.article_ids[:10])
            more = ", ..." if len(comparison.article_ids) > 10 else ""
            return _fail(f"--pivot {args.pivot}: no such article (have: {known}{more})")
        from tui.core.aligning import align_rows

        alignment = align_rows(comparison, args.pivot)
    _write_stdout(to_json(comparison, alignment))
    return EXIT_OK


def reader_main(argv: Sequence[str]) -> int:
    """The Textual reader; it opens what it can and reports what it skipped."""
    args = _reader_parser().parse_args(list(argv))
    problem = _semantic_problem(args.semantic)
    if problem is not None:
        return _fail(problem)
    if args.paths:
        # Nothing to show at all is a command-line error, said before a screen opens.
        problems = [_stat_problem(path) for path in args.paths]
        if all(problems):
            return _fail(next(p for p in problems if p))
    from tui.app.launch import run_reader

    return run_reader(args)


def _stat_problem(path: str) -> str | None:
    """Why `path` cannot be opened at all, or None when it exists."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return f"{one_line(path)}: no such file or folder"
    except OSError as error:
        return f"{one_line(path)}: {(error.strerror or str(error)).lower()}"
    return None


def _silence_stdout() -> None:
    """After a closed pipe (`parallax export | head`), drop the rest instead of erroring at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `parallax` and `python -m tui`."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments[:1] == ["export"]:
            return export_main(arguments[1:])
        return reader_main(arguments)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except MemoryError:
        print("parallax: out of memory (see the size limits in the README)", file=sys.stderr)
        return EXIT_BUG
    except Exception as error:
        # Input problems are InputErrors and exit 2 above; anything reaching here is a bug.
        # One line keeps scripts' stderr readable; the variable brings the traceback back.
        if os.environ.get(DEBUG_VARIABLE):
            raise
        print(
            f"parallax: internal error: {type(error).__name__}: {one_line(str(error))} "
            f"(a bug; rerun with {DEBUG_VARIABLE}=1 for the traceback and please report it)",
            file=sys.stderr,
        )
        return EXIT_BUG

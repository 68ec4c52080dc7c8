"""Time from process start to the first frame that shows article text, measured from outside.

Runs `parallax` (the sample story) in a pseudo-terminal of 160x45 and timestamps the first
output chunk that contains a word only found in the articles' sentences (not in the title,
labels or legend). It also reads the child's CPU time from /proc at that moment: on a busy
machine the wall time includes waiting for a core, the CPU time does not.
Run: `.venv/bin/python tests/perf/first_paint.py [runs]`.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import termios
import time
from pathlib import Path

from tui.core.loading import sample_story_path
from tui.core.pipeline import build_comparison

PARALLAX = Path(sys.executable).with_name("parallax")


def article_words() -> set[bytes]:
    """Long words that occur in sentences but not in the story title or source labels."""
    comparison, _ = build_comparison([sample_story_path()], strict=False)
    chrome = " ".join([comparison.title or ""] + [a.source for a in comparison.articles])
    words = set()
    for article in comparison.articles:
        for sentence in article.sentences:
            for word in re.findall(r"[A-Za-z]{9,}", sentence.text):
                if word not in chrome:
                    words.add(word.encode())
    return words


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of `pid` (all threads) so far, from /proc (10 ms ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_run(words: set[bytes], timeout: float = 10.0) -> tuple[float, float]:
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(str(PARALLAX), [str(PARALLAX)])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 45, 160, 0, 0))
    seen = b""
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([fd], [], [], 0.01)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            seen += chunk
            if any(word in seen for word in words):
                return time.perf_counter() - started, cpu_seconds(pid)
        raise RuntimeError("no article text seen")
    finally:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        os.close(fd)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    words = article_words()
    results = [one_run(words) for _ in range(runs)]
    walls = [wall for wall, _ in results]
    cpus = [cpu for _, cpu in results]
    print(
        f"first frame with article text, {runs} runs: wall median "
        f"{statistics.median(walls) * 1000:.0f} ms (min {min(walls) * 1000:.0f}, max "
        f"{max(walls) * 1000:.0f}); process CPU until then median "
        f"{statistics.median(cpus) * 1000:.0f} ms (min {min(cpus) * 1000:.0f})"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()

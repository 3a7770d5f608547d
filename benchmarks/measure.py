"""Time whole CLI processes and read their peak memory.

The benchmark compares what a user experiences: one ``selkeys`` or
``proselint`` process from exec to exit, interpreter start-up and imports
included. Each child is reaped with ``os.wait4`` so its own ``ru_maxrss`` is
known exactly, without psutil and without mixing in other children the way
``RUSAGE_CHILDREN`` deltas would (that value is a running maximum).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

STDERR_TAIL_CHARS = 4000


@dataclass(frozen=True)
class RunResult:
    """One process run: wall time, peak RSS and how it ended."""

    seconds: float
    max_rss_kib: int
    returncode: int
    stderr_tail: str


@dataclass(frozen=True)
class Summary:
    """Median wall time and worst peak memory over several runs."""

    runs: tuple[RunResult, ...]

    @property
    def median_seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def max_rss_mib(self) -> float:
        return max(r.max_rss_kib for r in self.runs) / 1024

    @property
    def returncodes(self) -> set[int]:
        return {r.returncode for r in self.runs}


def _steady_state_env() -> dict[str, str]:
    """The caller's environment, but allowed to write ``.pyc`` files: some machines (CI images,
    containers) set PYTHONDONTWRITEBYTECODE, and then every run of an editable install compiles
    its sources again (about 0.17 s for selkeys), a cost an installed tool pays once. The peer's
    modules were compiled when pip installed them, so this also makes the comparison even."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_once(cmd: Sequence[str], stdout_path: Path, stderr_path: Path) -> RunResult:
    """Run ``cmd`` once, output to files, and measure it with ``os.wait4``.

    Output goes to files rather than pipes so that a chatty linter cannot block
    on a full pipe and so the last run's output can be inspected afterwards.
    """
    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=_steady_state_env())
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # tell Popen it is reaped
    stderr_tail = stderr_path.read_text(encoding="utf-8", errors="replace")[-STDERR_TAIL_CHARS:]
    # Linux reports ru_maxrss in KiB.
    return RunResult(seconds, usage.ru_maxrss, proc.returncode, stderr_tail)


def run_many(
    cmd: Sequence[str], runs: int, warmup: int, out_dir: Path, label: str
) -> Summary:
    """Run ``cmd`` ``warmup`` untimed times, then ``runs`` timed times.

    The warm-up fills the page cache and writes ``.pyc`` files, so the timed
    runs measure steady-state speed rather than first-install cost.
    """
    stdout_path = out_dir / f"{label}.stdout"
    stderr_path = out_dir / f"{label}.stderr"
    for _ in range(warmup):
        run_once(cmd, stdout_path, stderr_path)
    results = []
    for i in range(runs):
        result = run_once(cmd, stdout_path, stderr_path)
        print(f"  {label} run {i + 1}/{runs}: {result.seconds:.3f} s, "
              f"{result.max_rss_kib / 1024:.0f} MiB, exit {result.returncode}", flush=True)
        results.append(result)
    return Summary(tuple(results))

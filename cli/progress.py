"""The progress bar of long CLI runs, shared by the commands that go through many inputs."""

from __future__ import annotations

import sys


def progress_bar(total: int, description: str = "selkeys"):
    """A started rich progress bar on stderr for runs of 20+ items on a terminal, else None:
    piped output and CI logs stay free of control codes."""
    if total < 20 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    progress = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    progress.start()
    progress.add_task(description, total=total)
    return progress

"""Reading files from a local bare git clone, at a fixed commit.

Real calibration text whose licence does not allow copying it into the repository (Yle's
easy-language news) is read at fit time from a clone on this machine, and so is public-domain
text too large to commit (Finlex statutes and court decisions). A fixed commit keeps a later
clone giving the same texts, so ``make calibrate`` stays deterministic.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

DEFAULT_MIRROR = "/work/.mirror"


class MissingSnapshot(RuntimeError):
    """The clone (or the commit) is not on this machine; the message says how to get it."""


def mirror_root() -> Path:
    """Where the clones live: ``$SELKEYS_MIRROR`` (as the benchmarks read it), else /work/.mirror."""
    return Path(os.environ.get("SELKEYS_MIRROR", DEFAULT_MIRROR))


class Snapshot:
    """One repository's bare clone at ``<mirror>/<owner>+<name>/repo``, read at ``commit``."""

    def __init__(self, repo: str, commit: str, mirror: Path | None = None) -> None:
        self.repo, self.commit = repo, commit
        self.dir = (mirror or mirror_root()) / repo.replace("/", "+") / "repo"
        clone = f"git clone --bare https://github.com/{repo} {self.dir}"
        if not self.dir.is_dir():
            raise MissingSnapshot(f"no clone of {repo} at {self.dir} (get it with: {clone})")
        if subprocess.run(["git", "-C", str(self.dir), "cat-file", "-e", f"{commit}^{{commit}}"],
                          capture_output=True).returncode != 0:
            raise MissingSnapshot(f"{self.dir} lacks commit {commit} of {repo} (fetch it: git -C {self.dir} fetch)")

    def _git(self, *args: str) -> bytes:
        result = subprocess.run(["git", "-C", str(self.dir), *args], capture_output=True)
        if result.returncode != 0:
            raise MissingSnapshot(f"git {' '.join(args)} in {self.dir}: {result.stderr.decode(errors='replace')}")
        return result.stdout

    def list(self, prefix: str) -> list[str]:
        """File paths under ``prefix`` (a folder, ending in '/'), sorted; nothing outside it is
        listed, so a caller can keep held-out folders entirely unseen."""
        out = self._git("ls-tree", "-r", "--name-only", self.commit, "--", prefix).decode("utf-8")
        return sorted(line for line in out.splitlines() if line)

    def read(self, path: str) -> bytes:
        return self._git("show", f"{self.commit}:{path}")

    def text(self, path: str) -> str:
        return self.read(path).decode("utf-8")

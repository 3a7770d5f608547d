"""An HTTP cache on disk, so that a re-run only downloads pages that changed.

Each URL keeps its last body and validators (ETag, Last-Modified); the next request for it
is conditional (If-None-Match / If-Modified-Since) and a ``304 Not Modified`` answer is
served from here. The cache is bounded: when it grows past its size, the entries used
longest ago go first. A broken or unwritable cache only costs downloads, never a run.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 500 * 1024 * 1024


@dataclass
class CachedPage:
    url: str
    final_url: str
    status: int
    content_type: str
    etag: str | None
    last_modified: str | None


class HttpCache:
    def __init__(self, directory: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self._written = 0

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.directory / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def lookup(self, url: str) -> CachedPage | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = CachedPage(**json.loads(meta_path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
        if meta.url != url or not body_path.exists():
            return None
        return meta

    def validators(self, url: str) -> dict[str, str]:
        """Headers that make the request for ``url`` conditional, if it is cached."""
        meta = self.lookup(url)
        headers: dict[str, str] = {}
        if meta is not None:
            if meta.etag:
                headers["If-None-Match"] = meta.etag
            if meta.last_modified:
                headers["If-Modified-Since"] = meta.last_modified
        return headers

    def body(self, url: str) -> bytes | None:
        _, body_path = self._paths(url)
        try:
            data = body_path.read_bytes()
            os.utime(body_path)  # recently used: pruned last
            return data
        except OSError:
            return None

    def store(self, page: CachedPage, body: bytes) -> None:
        """Keep ``body`` when the server gave a validator; otherwise it cannot be revalidated."""
        if not (page.etag or page.last_modified):
            return
        meta_path, body_path = self._paths(page.url)
        try:
            meta_path.parent.mkdir(parents=True, exist_ok=True)
            for path, data in ((body_path, body), (meta_path, json.dumps(asdict(page)).encode("utf-8"))):
                fd, tmp = tempfile.mkstemp(dir=path.parent)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, path)
        except OSError:
            return
        self._written += len(body)
        if self._written > self.max_bytes // 10:
            self._written = 0
            self.prune()

    def prune(self) -> None:
        """Delete the least recently used entries until the cache fits its size."""
        entries = []
        total = 0
        for body_path in self.directory.glob("*/*.body"):
            try:
                stat = body_path.stat()
            except OSError:
                continue
            entries.append((stat.st_mtime, stat.st_size, body_path))
            total += stat.st_size
        for _, size, body_path in sorted(entries):
            if total <= self.max_bytes:
                break
            for path in (body_path, body_path.with_suffix(".json")):
                try:
                    path.unlink()
                except OSError:
                    pass
            total -= size

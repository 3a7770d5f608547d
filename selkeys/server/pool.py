"""Engine work for the web app in separate processes, each request under a deadline.

Linting runs for as long as its input makes it run, and parts of it are C code that holds
the GIL (a regular expression's ``finditer`` never lets go of it): in a thread of the server
process, one anonymous playground request froze ``/healthz`` and the rating API for 51 s.
So the work goes to worker processes; the server only waits on a pipe, which costs it
nothing. A request that is not answered within ``deadline`` seconds (waiting for a free
worker included) gets :class:`PoolBusy`, and a worker that overran is killed and replaced, so
the next request finds a working one.

Workers start on first use (a test app or a server that never shows the playground starts
none), with ``spawn`` so they inherit no threads or locks of the server, and run
``initializer`` (building a Linter, a second or two) before they take work: that time is not
charged to any request's deadline. At most ``queue`` requests per worker wait at once; more
are refused at once, so a flood cannot tie up the server's thread pool.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from starlette.concurrency import run_in_threadpool

READY = "ready"


class PoolBusy(Exception):
    """No worker answered in time: all were busy, or the work overran its deadline."""


class JobFailed(Exception):
    """The job raised an exception in the worker; the message names it."""


def _serve(conn: Connection, handler: Callable[..., Any], initializer: Callable[[], None] | None) -> None:
    """A worker process: initialise, say so, then answer jobs until the server closes the pipe."""
    if initializer is not None:
        initializer()
    conn.send(READY)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the server is gone
        try:
            answer = (True, handler(*job))
        except Exception as exc:  # noqa: BLE001 - reported to the request, the worker lives on
            answer = (False, f"{type(exc).__name__}: {exc}")
        conn.send(answer)


class _Worker:
    def __init__(self, context, handler: Callable[..., Any], initializer: Callable[[], None] | None) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, handler, initializer), daemon=True,
                                       name="selkeys-engine")
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class EnginePool:
    """``workers`` processes running ``handler(*job)``; ``await run(*job)`` gives its result."""

    def __init__(self, handler: Callable[..., Any], initializer: Callable[[], None] | None = None, *,
                 workers: int = 1, deadline: float = 10.0, queue_per_worker: int = 4) -> None:
        self.handler = handler
        self.initializer = initializer
        self.workers = workers
        self.deadline = deadline
        self.max_pending = workers * queue_per_worker
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._pending = 0
        self._started = False
        self._closed = False

    async def run(self, *job: Any) -> Any:
        """The handler's result for ``job``; PoolBusy past the deadline or when too many wait,
        JobFailed when the handler raised."""
        with self._lock:
            if self._closed or self._pending >= self.max_pending:
                raise PoolBusy("too many requests are waiting for the engine")
            self._pending += 1
            start, self._started = not self._started, True
        for _ in range(self.workers if start else 0):
            self._start_worker()
        try:
            return await run_in_threadpool(self._run, job)
        finally:
            with self._lock:
                self._pending -= 1

    def close(self) -> None:
        """Stop every worker (the app's shutdown)."""
        with self._lock:
            self._closed = True
            workers, self._all = self._all, set()
        for worker in workers:
            worker.stop()

    # -- internals ---------------------------------------------------------------------------
    def _start_worker(self) -> None:
        """A new worker, made available once its initializer has run (waited for in a thread,
        so no request waits on a worker that is still starting unless it has to)."""
        worker = _Worker(self._context, self.handler, self.initializer)
        with self._lock:
            self._all.add(worker)

        def when_ready() -> None:
            try:
                if worker.conn.recv() == READY:
                    self._idle.put(worker)
                    return
            except (EOFError, OSError):
                pass
            self._retire(worker, replace=not self._closed)

        threading.Thread(target=when_ready, name="selkeys-engine-start", daemon=True).start()

    def _retire(self, worker: _Worker, replace: bool) -> None:
        with self._lock:
            self._all.discard(worker)
            replace = replace and not self._closed
        worker.stop()
        if replace:
            self._start_worker()

    def _run(self, job: tuple) -> Any:
        started = time.monotonic()
        try:
            worker = self._idle.get(timeout=self.deadline)
        except queue.Empty:
            raise PoolBusy(f"no engine worker was free within {self.deadline:g} s") from None
        try:
            worker.conn.send(job)
            if not worker.conn.poll(max(0.0, self.deadline - (time.monotonic() - started))):
                raise TimeoutError
            ok, value = worker.conn.recv()
        except (TimeoutError, EOFError, OSError):
            # overran its deadline, or died (killed by the system): a fresh worker takes its place
            self._retire(worker, replace=True)
            raise PoolBusy(f"the engine did not answer within {self.deadline:g} s") from None
        self._idle.put(worker)
        if not ok:
            raise JobFailed(value)
        return value

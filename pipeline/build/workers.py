"""The build's worker processes: each gets the render context once, when it starts, then reads the workbooks or
renders the deliverables it is sent; each result comes back as soon as it is done, with the time it took.

Workers ignore Ctrl-C: the build (the main process) handles it, cancels what has not started and ends the workers,
so an interrupted build prints no traceback from them. Small batches run in the main process (no start-up cost).

Ctrl-C and a kill (SIGTERM) reach the build only between its waits: while it hands work to the pool or waits for a
result they are held back (at most a quarter of a second). Raised inside the pool's own locking, the interruption
could leave a lock taken that the pool's thread then waits for, and the interrupted build would hang instead of
ending. The pool's threads and processes start with both held back, so only the build's main thread takes them.
"""
from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

from pipeline.exceptions import DigiplanError
from pipeline.render import oxml
from pipeline.render.context import RenderContext

MIN_PARALLEL = 4                    # fewer items than this run in the main process
INTERRUPTS = {signal.SIGINT, signal.SIGTERM}
POLL = 0.25                         # seconds an interruption may wait for the build to take it
Item = TypeVar("Item")
Task = Callable[[Any, RenderContext], Any]

_context: RenderContext | None = None          # a worker's own copy, set when it starts


def failure_text(exc: BaseException, ctx: RenderContext) -> str:
    """A failure in the user's words when it is a known problem (a broken template), else the program's own
    description (a bug, to be reported as it is)."""
    return exc.describe(ctx.labels) if isinstance(exc, DigiplanError) else f"{type(exc).__name__}: {exc}"


def in_worker(ctx: RenderContext) -> bool:
    """Whether this process is one of a build's workers, the one started with CTX."""
    return _context is ctx


def _start(ctx: RenderContext) -> None:
    """A worker starts with Ctrl-C blocked (see `Workers.run`): from now on it ignores it, and a kill (the build
    ending its workers) ends it at once, whatever handler the build had when it was forked."""
    global _context
    _context = ctx
    oxml.install()          # a forked worker has them already; a spawned one (no fork on the platform) does not
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, INTERRUPTS)


def _call(task: Task, item: Any, ctx: RenderContext | None = None) -> tuple[Any, str, float]:
    """(result, "", seconds), or (None, what went wrong, seconds): one item never stops the others."""
    ctx = ctx or _context
    assert ctx is not None
    start = time.perf_counter()
    try:
        return task(item, ctx), "", time.perf_counter() - start
    except Exception as exc:  # noqa: BLE001 — reported per item
        return None, failure_text(exc, ctx), time.perf_counter() - start


@contextmanager
def _held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back in this thread (and in threads and processes it starts) until the block ends,
    when a held one is taken at once."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _end_half_sent_results(pool: ProcessPoolExecutor) -> None:
    """The pool's result pipe closed on this side too, once its workers are gone. A worker killed while it was
    sending a result (a rendered document, often hundreds of kilobytes) leaves half a message in the pipe; the
    executor's own thread, reading it, waits for the rest, and because this process also holds the pipe's writing
    end, the rest never comes and no end of file either: the thread, and the build shutting the pool down, waited
    for ever (an interrupted build that never ended). With the last writer closed the read ends, the thread sees
    the broken pool and stops. The pipe is the executor's own (`_result_queue`, CPython 3.11–3.14): where it is not
    there, nothing is done."""
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        writer.close()


class Workers:
    def __init__(self, ctx: RenderContext, count: int) -> None:
        self.ctx = ctx
        self.count = count
        self._pool: ProcessPoolExecutor | None = None
        self._others: list[multiprocessing.process.BaseProcess] = []     # child processes not the pool's

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._others = multiprocessing.active_children()
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            self._pool = ProcessPoolExecutor(self.count, mp_context=context, initializer=_start,
                                             initargs=(self.ctx,))
        return self._pool

    def run(self, task: Task, items: list[Item]) -> Iterator[tuple[Item, Any, str, float]]:
        """(item, result, error, seconds) for every item, in the order they are done."""
        if self.count <= 1 or len(items) < MIN_PARALLEL:
            for item in items:
                yield (item, *_call(task, item, self.ctx))
            return
        pool = self._executor()
        # workers are forked while items are submitted: with Ctrl-C blocked meanwhile, none can stop a worker
        # before it has set itself to ignore it (a Ctrl-C then reaches the build just after the submitting)
        with _held():
            pending: dict[Future, Item] = {pool.submit(_call, task, item): item for item in items}
        workers = self._workers()
        broken = False
        while pending:
            with _held():
                done, _ = wait(pending, timeout=POLL, return_when=FIRST_COMPLETED)
            if not done and any(not worker.is_alive() for worker in workers):
                # a worker killed (out of memory, a signal) while the pool has not noticed: perhaps half-way
                # through sending a result, which the pool's thread then waits for (`_end_half_sent_results`);
                # the pool is broken either way, and its other workers would be ended by it
                self._end_workers(pool)
            for future in done:
                item = pending.pop(future)
                try:
                    yield (item, *future.result())
                except BrokenProcessPool as exc:          # a worker was killed (out of memory, a signal)
                    broken = True
                    yield item, None, f"{type(exc).__name__}: {exc}", 0.0
        if broken:              # the pool takes no more work: the next batch starts a new one
            self._pool = None
            pool.shutdown(wait=True)

    def close(self, interrupted: bool = False) -> None:
        """Shut the workers down; when INTERRUPTED, at once (what is running is abandoned, nothing is written)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if interrupted:
            self._end_workers(pool)
            # only now, with every worker gone: the executor's own thread sees the broken pool and ends before its
            # wake-up pipe is closed (shutting down first, without waiting, let that thread read a closed pipe:
            # "OSError: [Errno 9] Bad file descriptor" in the terminal instead of the interrupted message)
            pool.shutdown(wait=True, cancel_futures=True)
        else:
            pool.shutdown()

    def _workers(self) -> list[multiprocessing.process.BaseProcess]:
        """The pool's worker processes: this process's children that were not there before the pool (the executor
        has no public list of its processes before Python 3.14)."""
        return [p for p in multiprocessing.active_children() if p not in self._others]

    def _end_workers(self, pool: ProcessPoolExecutor) -> None:
        """POOL's workers ended at once, then its result pipe closed (`_end_half_sent_results`)."""
        processes = self._workers()
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
        _end_half_sent_results(pool)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.close(interrupted=kind is not None)

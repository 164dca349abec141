"""Several LibreOffice sessions side by side for one build's PDF copies (one per worker, each with its own profile).

Each session (session.py) is one driver with one LibreOffice and its private profile; all start at once when the
pool opens (a build opens it at its start, `start_early`, and `grow`s it once it knows how many documents need a
copy), so they start while the workbooks are read and the documents render. A document `submit`ted goes to
whichever session is free as soon as it is rendered (the PDF copies are made while the other documents render);
`convert_all` hands a batch out largest first (the longest jobs start first, so the sessions end close together).
`finish` gives each result back to the caller's thread in the order they finish: writing the page numbers and
recording the files stay in one thread. A session that stops (dead or hung LibreOffice, killed driver) is started
again and its document tried once more; a session that cannot be started again leaves its documents to the others.
"""
from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pipeline.build.pdf.session import ConversionFailed, OfficeSession, OfficeUnavailable

T = TypeVar("T")


@dataclass(frozen=True)
class Request(Generic[T]):
    item: T                          # the caller's own handle (the build's job)
    source: Path
    target: Path
    contents: bool


@dataclass(frozen=True)
class Result(Generic[T]):
    request: Request[T]
    contents: list[str] | None = None            # the updated tables of contents, when converted
    failure: ConversionFailed | None = None      # this document could not be converted
    unavailable: OfficeUnavailable | None = None  # no session was left to convert it
    seconds: float = 0.0

    @property
    def item(self) -> T:
        return self.request.item


class OfficePool:
    def __init__(self, count: int, start: Callable[[], OfficeSession] = OfficeSession) -> None:
        """COUNT sessions, started now; OfficeUnavailable when not even the first can start."""
        self._start = start
        self._closing = False
        self.sessions: list[OfficeSession] = [start()]
        for _ in range(max(1, count) - 1):
            try:
                self.sessions.append(start())
            except OfficeUnavailable:
                break
        self._reset()

    def _reset(self) -> None:
        self._todo: queue.Queue[Request[Any] | None] = queue.Queue()
        self._done: queue.Queue[Result[Any] | None] = queue.Queue()
        self._threads: list[threading.Thread] = []

    def convert_all(self, requests: list[Request[T]]) -> Iterator[Result[T]]:
        """Every request converted, largest source first, by as many sessions as there are documents; results in
        the order they finish. Requests no session could take come back with `unavailable`."""
        for request in sorted(requests, key=lambda r: (-r.source.stat().st_size, str(r.source))):
            self.submit(request)
        return self.finish()

    def submit(self, request: Request[T]) -> None:
        """REQUEST converted as soon as a session is free (in the order submitted); its result comes from
        `finish`. A session is put to work for each request submitted, up to the number of sessions."""
        self._todo.put(request)
        if len(self._threads) < len(self.sessions):
            thread = threading.Thread(target=self._work, args=(len(self._threads),), daemon=True)
            self._threads.append(thread)
            thread.start()

    def finish(self) -> Iterator[Result[Any]]:
        """The results of every request submitted, in the order they finish, once no more are submitted."""
        threads, todo, done = self._threads, self._todo, self._done
        self._reset()
        for _ in threads:
            todo.put(None)                         # one end mark for each session at work
        running, last_reason = len(threads), None
        while running:
            result = done.get()
            if result is None:
                running -= 1
                continue
            if result.unavailable is not None:
                last_reason = result.unavailable
            yield result
        for thread in threads:
            thread.join()
        while not todo.empty():                    # every session stopped for good: the rest stays undone
            request = todo.get()
            if request is not None:
                yield Result(request, unavailable=last_reason or OfficeUnavailable("stopped"))

    def _work(self, slot: int) -> None:
        todo, done = self._todo, self._done
        try:
            while True:
                request = todo.get()
                if request is None:
                    return
                try:
                    result = self._one(slot, request)
                except Exception:               # its session's pipes closed under it: the build is being cut short
                    if self._closing:
                        return
                    raise
                done.put(result)
                if result.unavailable is not None:
                    return
        finally:
            done.put(None)

    def _one(self, slot: int, request: Request[T]) -> Result[T]:
        start = time.perf_counter()
        for attempt in range(2):
            try:
                contents = self.sessions[slot].convert(request.source, request.target, request.contents)
                return Result(request, contents=contents, seconds=time.perf_counter() - start)
            except ConversionFailed as failure:
                return Result(request, failure=failure, seconds=time.perf_counter() - start)
            except (OfficeUnavailable, OSError) as error:      # OSError: the driver's pipe broke (it died)
                unavailable = (error if isinstance(error, OfficeUnavailable)
                               else OfficeUnavailable("stopped", str(error)))
                self.sessions[slot].close()
                if attempt == 1 or self._closing:
                    return Result(request, unavailable=unavailable)
                try:
                    self.sessions[slot] = self._start()
                except OfficeUnavailable as again:
                    return Result(request, unavailable=again)
        raise AssertionError("unreachable")

    def grow(self, count: int) -> None:
        """Sessions started up to COUNT in all (one that cannot start leaves its documents to the others)."""
        while len(self.sessions) < count:
            try:
                self.sessions.append(self._start())
            except OfficeUnavailable:
                return

    def end(self) -> None:
        """Every session told to end, without waiting (the build goes on with the packages meanwhile): no more
        documents; `close` waits for them. A session still at work (the build cut short) is not started again."""
        self._closing = True
        for _ in self._threads:
            self._todo.put(None)
        for session in self.sessions:
            session.end()

    def close(self) -> None:
        """Every session ended, side by side (each LibreOffice takes a moment to end)."""
        self.end()
        for session in self.sessions:
            session.close()

    def __enter__(self) -> OfficePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


EARLY = 2                       # sessions started before the build knows how many documents change


def start_early(count: int, start: Callable[[], OfficeSession] = OfficeSession) -> OfficePool | OfficeUnavailable:
    """COUNT sessions (at most EARLY; `grow` adds the others once they are known to be needed) started at once, at
    the start of a build with PDF copies, before it knows which documents change: LibreOffice takes most of a second
    to start (in the background, while the build reads and renders) and half a second of processor time, and an
    edit nearly always changes some document. Why they could not start, instead."""
    try:
        return OfficePool(min(count, EARLY), start)
    except OfficeUnavailable as unavailable:
        return unavailable

"""Several LibreOffice sessions side by side for one build's PDF copies (one per worker, each with its own profile).

Each session (session.py) is one driver with one LibreOffice and its private profile; all start at once
when the pool opens, so they start while the documents render. `convert_all` hands the documents out largest first
to whichever session is free (the longest jobs start first, so the sessions end close together), and gives each
result back to the caller's thread in the order they finish: writing the page numbers and recording the files stay
in one thread. A session that stops (dead or hung LibreOffice, killed driver) is started again and its document
tried once more; a session that cannot be started again leaves its documents to the others.
"""
from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

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
        self.sessions: list[OfficeSession] = [start()]
        for _ in range(max(1, count) - 1):
            try:
                self.sessions.append(start())
            except OfficeUnavailable:
                break

    def convert_all(self, requests: list[Request[T]]) -> Iterator[Result[T]]:
        """Every request converted, largest source first, by as many sessions as there are documents; results in
        the order they finish. Requests no session could take come back with `unavailable`."""
        order = sorted(requests, key=lambda r: (-r.source.stat().st_size, str(r.source)))
        todo: queue.Queue[Request[T]] = queue.Queue()
        for request in order:
            todo.put(request)
        done: queue.Queue[Result[T] | None] = queue.Queue()
        used = self.sessions[: max(1, min(len(self.sessions), len(order)))]
        threads = [threading.Thread(target=self._work, args=(n, todo, done), daemon=True) for n in range(len(used))]
        for thread in threads:
            thread.start()
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
            yield Result(request, unavailable=last_reason or OfficeUnavailable("stopped"))

    def _work(self, slot: int, todo: queue.Queue[Request[T]], done: queue.Queue[Result[T] | None]) -> None:
        try:
            while True:
                try:
                    request = todo.get_nowait()
                except queue.Empty:
                    return
                result = self._one(slot, request)
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
                if attempt == 1:
                    return Result(request, unavailable=unavailable)
                try:
                    self.sessions[slot] = self._start()
                except OfficeUnavailable as again:
                    return Result(request, unavailable=again)
        raise AssertionError("unreachable")

    def close(self) -> None:
        for session in self.sessions:
            session.close()

    def __enter__(self) -> OfficePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

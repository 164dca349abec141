"""Reading workbooks in forked processes, with a time and a memory limit per workbook.

A library crash (a native abort), a read that never ends or one that needs more memory than any intake workbook
can take stops that process only: the caller gets the reason ("crash", "time", "memory") and goes on with the other
workbooks. Where processes cannot be forked (Windows), the reading runs in the caller's process.

`guarded` forks a process for one task. A `Reader` is a forked process that runs one task on many items, one at a
time (the build's workers read many workbooks each): forking once saves the fork and its copy-on-write page faults
per workbook (about a third of a read at the stress shape). Each item keeps its own limits: its time is counted
from when it is sent, and its memory from what the process has when it starts the item. A reader that failed on an
item is replaced for the next one; so is one whose memory has grown past `RETIRE_MEMORY`, or one left idle for
`IDLE_SECONDS` (the build's render stage then has its memory back). A reader dies with the process that forked it.
"""
from __future__ import annotations

import ctypes
import faulthandler
import gc
import multiprocessing
import os
import pickle
import resource
import signal
from collections.abc import Callable
from typing import Any

READ_SECONDS = 120                    # a large intake workbook reads in well under a second
READ_MEMORY = 1_500_000_000           # bytes of address space the reading may add to what the process has
RETIRE_MEMORY = 300_000_000           # bytes of address space a reader may gain over its life before it is replaced
IDLE_SECONDS = 2.0                    # a reader given nothing to do for this long ends
RETIRED = 3                           # a reader's exit status when it ended of its own accord, taking no item
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_PR_SET_PDEATHSIG = 1


def _address_space() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as stream:
            return int(stream.read().split()[0]) * _PAGE
    except OSError:
        return 0


def _limit_memory() -> None:
    """The process may add READ_MEMORY bytes to the address space it has now."""
    used = _address_space()
    if used:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = used + READ_MEMORY
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _outcome(task: Callable[..., Any], *args: Any) -> Any:
    _limit_memory()
    try:
        return task(*args)
    except MemoryError:
        return "memory"
    except Exception:  # noqa: BLE001 — a bug in reading this one workbook, reported as unreadable
        return "crash"


def _send(sender: Any, outcome: Any) -> None:
    try:
        sender.send_bytes(pickle.dumps(outcome))
    except MemoryError:
        sender.send_bytes(pickle.dumps("memory"))


def _child(task: Callable[[], Any], sender: Any, receiver: Any) -> None:
    receiver.close()                # the caller's end: with it gone, a caller that is gone is seen
    signal.signal(signal.SIGINT, signal.SIG_IGN)        # a Ctrl-C is the caller's to handle; it ends this process
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    faulthandler.disable()          # a native crash here is reported by the caller, not dumped on the terminal
    try:
        _send(sender, _outcome(task))
    except OSError:                 # the caller is gone (interrupted): nobody to answer
        pass
    sender.close()


def guarded(task: Callable[[], Any], seconds: float | None = None) -> Any:
    """TASK's result, or "crash", "time" or "memory" when its process failed. A Ctrl-C (or a kill the caller turns
    into one) while it runs ends the process at once and reaches the caller only: never a traceback from the
    process, which starts with Ctrl-C held back until it ignores it."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return task()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(task, sender, receiver), daemon=True)
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        process.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    sender.close()
    try:
        if not receiver.poll(READ_SECONDS if seconds is None else seconds):
            process.kill()
            return "time"
        return pickle.loads(receiver.recv_bytes())
    except (EOFError, OSError):            # the process died before it answered (a native crash, a kill)
        return "crash"
    except BaseException:                  # interrupted: the reading is abandoned at once
        process.kill()
        raise
    finally:
        receiver.close()
        _end(process)


def _end(process: Any) -> None:
    process.join(timeout=5)
    if process.is_alive():
        process.kill()
        process.join()


def _die_with_parent() -> None:
    """Killed when the process that forked this one ends, however it ends (Linux); elsewhere, the closed pipe to
    it ends this one at its next wait."""
    try:
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError, TypeError):
        pass


def _serve(task: Callable[[Any], Any], tasks: Any, answers: Any, theirs: tuple[Any, ...]) -> None:
    """A reader's life: items from TASKS, outcomes to ANSWERS, until the caller is gone, the reader has been idle
    for IDLE_SECONDS, its memory has grown past RETIRE_MEMORY or an item failed."""
    for end in theirs:                   # the caller's ends: with them closed here, the caller's end is seen
        end.close()
    _die_with_parent()
    faulthandler.disable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)        # a Ctrl-C is the build's to handle; it ends this process
    gc.freeze()                          # what it was forked with stays shared, never traversed by the collector
    start = _address_space()
    while True:
        try:
            if not tasks.poll(IDLE_SECONDS):
                os._exit(RETIRED)
            item = pickle.loads(tasks.recv_bytes())
        except (EOFError, OSError):
            os._exit(0)
        outcome = _outcome(task, item)
        try:                             # pickled within the item's memory limit, as the item's own work
            answer = _FAILED + outcome.encode("ascii") if isinstance(outcome, str) else _RESULT + pickle.dumps(outcome)
        except MemoryError:
            outcome, answer = "memory", _FAILED + b"memory"
        resource.setrlimit(resource.RLIMIT_AS, (resource.getrlimit(resource.RLIMIT_AS)[1],) * 2)
        answers.send_bytes(answer)
        if isinstance(outcome, str) or _address_space() - start > RETIRE_MEMORY:
            # a failed item may have left the process in any state; a grown one holds memory the others need
            answers.close()
            os._exit(RETIRED)


_RESULT, _FAILED = b"R", b"F"            # the first byte of a reader's answer: a pickled result, or a failure's name


class Reader:
    """TASK(item) run in a long-lived forked process, item by item; see the module's note."""

    def __init__(self, task: Callable[[Any], Any]) -> None:
        self.task = task
        self._process: Any = None
        self._tasks: Any = None
        self._answers: Any = None
        self._pid = os.getpid()

    def run(self, item: Any, seconds: float | None = None) -> Any:
        """TASK(ITEM)'s result, or "crash", "time" or "memory" when the reading process failed on it."""
        if "fork" not in multiprocessing.get_all_start_methods():
            return self.task(item)
        for _ in range(2):                  # a second time only when the reader had ended without taking it
            outcome = self._ask(item, READ_SECONDS if seconds is None else seconds)
            if outcome is not RETIRED:
                return outcome
        return "crash"

    def _ask(self, item: Any, seconds: float) -> Any:
        if self._process is not None and self._pid == os.getpid() and not self._process.is_alive():
            self.close()                    # ended while idle (retired, or killed): not this item's doing
        if self._process is None or self._pid != os.getpid():
            self._start()
        try:
            self._tasks.send_bytes(pickle.dumps(item))
            if not self._answers.poll(seconds):
                self.close(kill=True)
                return "time"
            answer = self._answers.recv_bytes()
            return pickle.loads(answer[1:]) if answer[:1] == _RESULT else answer[1:].decode("ascii")
        except (EOFError, OSError):          # the process ended before it answered: a crash, or it had retired
            process = self._process
            self.close()
            return RETIRED if process.exitcode == RETIRED else "crash"

    def _start(self) -> None:
        context = multiprocessing.get_context("fork")
        task_out, task_in = context.Pipe(duplex=False)          # (receiving end, sending end)
        answer_out, answer_in = context.Pipe(duplex=False)
        self._process = context.Process(target=_serve, args=(self.task, task_out, answer_in, (task_in, answer_out)),
                                        daemon=True)
        self._process.start()
        task_out.close()
        answer_in.close()
        self._tasks, self._answers, self._pid = task_in, answer_out, os.getpid()

    def close(self, kill: bool = False) -> None:
        """The reading process ended: at once when KILL, else when it has seen its closed pipe."""
        process, self._process = self._process, None
        if process is None:
            return
        for end in (self._tasks, self._answers):
            end.close()
        if self._pid == os.getpid():
            if kill:
                process.kill()
            _end(process)

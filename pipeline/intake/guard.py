"""Running one workbook's reading in a forked process of its own, with a time and a memory limit.

A library crash (a native abort), a read that never ends or one that needs more memory than any intake workbook
can take stops that process only: the caller gets the reason ("crash", "time", "memory") and goes on with the other
workbooks. Where processes cannot be forked (Windows), the reading runs in the caller's process.
"""
from __future__ import annotations

import faulthandler
import multiprocessing
import os
import pickle
import resource
from collections.abc import Callable
from typing import Any

READ_SECONDS = 120                    # a large intake workbook reads in well under a second
READ_MEMORY = 1_500_000_000           # bytes of address space the reading may add to what the process has
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _address_space() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as stream:
            return int(stream.read().split()[0]) * _PAGE
    except OSError:
        return 0


def _child(task: Callable[[], Any], sender: Any) -> None:
    faulthandler.disable()          # a native crash here is reported by the caller, not dumped on the terminal
    used = _address_space()
    if used:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = used + READ_MEMORY
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    try:
        outcome: Any = task()
    except MemoryError:
        outcome = "memory"
    except Exception:  # noqa: BLE001 — a bug in reading this one workbook, reported as unreadable
        outcome = "crash"
    try:
        sender.send_bytes(pickle.dumps(outcome))
    except MemoryError:
        sender.send_bytes(pickle.dumps("memory"))
    sender.close()


def guarded(task: Callable[[], Any], seconds: float | None = None) -> Any:
    """TASK's result, or "crash", "time" or "memory" when its process failed."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return task()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(task, sender), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(READ_SECONDS if seconds is None else seconds):
            process.kill()
            return "time"
        return pickle.loads(receiver.recv_bytes())
    except (EOFError, OSError):            # the process died before it answered (a native crash, a kill)
        return "crash"
    finally:
        receiver.close()
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()

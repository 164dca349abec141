"""What many jobs of a build need (every line's plan, the scopes of the areas and the county, the read results),
sent to each worker process once instead of with every job.

A job's arguments are pickled each time it is sent to a worker: at 300 lines the area and county documents each
carried every plan (an area's scope holds the county's entries for the exit plans), 27 MB pickled in the build's
process and unpickled in a worker per job, about half a second each way, 15 times. Now the build's process pickles
the shared values once, into a temporary file, the first time a job holding a `Part` of them is sent; each worker
reads the file once and keeps the values for the build's other jobs. Rendering in the build's own process (one
worker, a small batch) reads the values directly, with no file.
"""
from __future__ import annotations

import ctypes
import gc
import os
import pickle
import tempfile
import threading
import uuid
import weakref
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PREFIX = "digiplan-shared-"                 # + the build's process id: a killed build's file is found by it


def _sweep() -> None:
    """Files a killed build left (its process is gone): removed, as the next build's start removes its other
    temporary files (pipeline/build/incremental.py `remove_temporary_files`)."""
    for path in Path(tempfile.gettempdir()).glob(f"{PREFIX}*-*.pickle"):
        pid = path.name[len(PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:                         # another user's process
        return True
    return True


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


class Shared:
    """VALUES (name → value) shared by a build's jobs; see the module's note."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values
        self.key = uuid.uuid4().hex
        self._path: str | None = None
        self._lock = threading.Lock()           # the pool pickles jobs in its own thread

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        return _loaded, (self.key, self._file())

    def _file(self) -> str:
        with self._lock:
            if self._path is None:
                _sweep()
                handle, path = tempfile.mkstemp(prefix=f"{PREFIX}{os.getpid()}-", suffix=".pickle")
                weakref.finalize(self, _remove, path)         # gone with the build's jobs (or at exit)
                with os.fdopen(handle, "wb") as out:
                    pickle.dump(self.values, out, protocol=pickle.HIGHEST_PROTOCOL)
                self._path = path
            return self._path


_in_worker: dict[str, Shared] = {}         # a worker's copy: the current build's values, read once


def _loaded(key: str, path: str) -> Shared:
    """The shared values in a worker, read from PATH the first time a job brings them."""
    found = _in_worker.get(key)
    if found is None:
        _in_worker.clear()                  # an earlier build's values, if a worker outlived it
        with open(path, "rb") as source:
            found = Shared(pickle.load(source))
        found.key = key
        _in_worker[key] = found
    return found


@dataclass(frozen=True)
class Part:
    """One of a `Shared`'s values, or an item of it (INDEX: a key or position in the value), or that item's
    ATTRIBUTE."""
    shared: Shared
    name: str
    index: Hashable | None = None
    attribute: str = ""

    def get(self) -> Any:
        value = self.shared.values[self.name]
        if self.index is not None:
            value = value[self.index]
        return getattr(value, self.attribute) if self.attribute else value


def resolved(args: tuple[Any, ...]) -> tuple[Any, ...]:
    """ARGS with every `Part` replaced by its value. A job with none lets a worker's copy of the shared values go:
    the combined documents, which use them, are sent first (pipeline/build/render.py), and whatever their
    rendering cached in the values (a scope's figures, every line's view) would otherwise stay in the worker
    while it renders the lines' documents."""
    parts = [arg.get() if isinstance(arg, Part) else arg for arg in args]
    if _in_worker and not any(isinstance(arg, Part) for arg in args):
        _release()
    return tuple(parts)


def _release() -> None:
    """The worker's copy of the shared values dropped and its memory given back to the system: freed, it stays in
    the C library's heap, scattered between what the renderings keep (a worker's memory at 300 lines stayed about
    100 MB higher); `malloc_trim` (glibc) returns the free pages. Elsewhere the values are only dropped."""
    _in_worker.clear()
    gc.collect()
    trim = getattr(_libc(), "malloc_trim", None)
    if trim is not None:
        trim(0)


def _libc() -> Any:
    """The C library this process already runs on (its symbols, no search for the file); None where there is none
    to open that way (Windows)."""
    try:
        return ctypes.CDLL(None)
    except (OSError, TypeError):
        return None

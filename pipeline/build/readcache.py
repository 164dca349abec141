"""The read results kept between builds: a workbook unchanged since an earlier build is not read again.

A workbook's read result (its plan, problems and completeness, before the workbooks are checked together) depends
on its content, its name and place (the problems name the file), and on the program, the templates and reference
data, the build date and the language: the build's fingerprint (pipeline/build/incremental.py). The key hashes all
of them; a result found under its key is the same as a fresh read would give. Only a result with a plan is kept (a
file that could not be read may read next time).

The results are kept in the user's own local cache folder (`$XDG_CACHE_HOME/digiplan/reads`, else
`~/.cache/digiplan/reads`; `%LOCALAPPDATA%\\digiplan\\reads` on Windows), never beside the outputs: the output
folder may be a shared drive, and a result is a pickle, which runs code when loaded. On POSIX systems a file is
loaded only from a folder the user owns that nobody else may write, and only when the user owns the file. The
workers write the results they read (in parallel, as they send them back); a file that cannot be read or loaded is
ignored and read again. A build with --force reads every workbook. Results not used for two weeks are removed, and
the least recently used beyond a thousand.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pipeline.render.context import RenderContext

FORMAT = 1                      # the cache files' own format: part of every key
KEEP_SECONDS = 14 * 24 * 3600   # a result not used for this long is removed
MAX_FILES = 1000                # and the least recently used beyond this many (a county of 300 lines: 30–90 MB)
SUFFIX = ".pickle"
Read = Callable[[Path, RenderContext], Any]


def cache_folder() -> Path | None:
    """The user's own folder for the read results (None: no home to put it in)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "digiplan" / "reads" if base else None
    base = os.environ.get("XDG_CACHE_HOME")
    if base and Path(base).is_absolute():
        return Path(base) / "digiplan" / "reads"
    try:
        return Path.home() / ".cache" / "digiplan" / "reads"
    except RuntimeError:                    # no home directory
        return None


def _private(info: os.stat_result) -> bool:
    """Owned by this user, written by nobody else (always so where there are no POSIX owners)."""
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _usable(folder: Path | None) -> Path | None:
    """FOLDER, made when missing (only its owner may open it), when it is this user's own; else None."""
    if folder is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    return folder if stat.S_ISDIR(info.st_mode) and _private(info) else None


def read_key(fingerprint: str, path: Path, content: str) -> str:
    """The key of the read result of the workbook at PATH (absolute) with CONTENT (its hash) in a build of
    FINGERPRINT."""
    return hashlib.sha256(f"{FORMAT}|{fingerprint}|{path}|{content}".encode()).hexdigest()


def _load(folder: Path, key: str) -> Any | None:
    """The result kept under KEY, or None (none kept, or a file that cannot be trusted or loaded: removed)."""
    path = folder / f"{key}{SUFFIX}"
    try:
        with path.open("rb") as source:
            if not _private(os.fstat(source.fileno())):
                return None
            kept_key, result = pickle.load(source)      # noqa: S301 — the user's own private folder, see above
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 — a damaged or foreign file is only read again
        path.unlink(missing_ok=True)
        return None
    if kept_key != key:
        return None
    try:
        os.utime(path)                                  # used: kept two weeks more
    except OSError:
        pass
    return result


def _store(folder: Path, key: str, data: bytes) -> None:
    """DATA (a pickled (key, result)) kept under KEY, written whole (or not at all)."""
    temporary = folder / f".{key}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        os.rename(temporary, folder / f"{key}{SUFFIX}")   # where a file is there already (Windows), it holds
    except OSError:                                     # the same: the key names the content
        temporary.unlink(missing_ok=True)


class ReadAndKeep:
    """A worker's task: the workbook read with READ, its result kept in FOLDER (None: not kept) and sent back
    pickled (the build's process loads it; the worker pickles it once, for both). Only a result with a plan is kept:
    one without is a file that could not be read, perhaps only this time (a time-out on a busy machine, the memory
    ceiling, a crash: pipeline/intake/guard.py), and is read again next time."""

    def __init__(self, read: Read, folder: Path | None) -> None:
        self.read, self.folder = read, folder

    def __call__(self, item: tuple[Path, str], ctx: RenderContext) -> bytes:
        path, key = item
        result = self.read(path, ctx)
        data = pickle.dumps((key, result), protocol=pickle.HIGHEST_PROTOCOL)
        if self.folder is not None and getattr(result, "plan", None) is not None:
            _store(self.folder, key, data)
        return data


def cached_reads(pool: Any, read: Read, files: list[Path], hashes: dict[Path, str], fingerprint: str,
                 force: bool = False) -> Iterator[tuple[Path, Any, str, float]]:
    """(path, result, error, seconds) for every workbook of FILES, as POOL's `run` gives them (pipeline/build/
    workers.py): the results kept by an earlier build first (none with FORCE), then the others read in the pool
    with READ (and kept)."""
    folder = _usable(cache_folder())
    keys = {path: read_key(fingerprint, path, hashes[path]) for path in files}
    todo = []
    for path in files:
        start = time.perf_counter()
        result = None if folder is None or force else _load(folder, keys[path])
        if result is None:
            todo.append(path)
        else:
            yield path, result, "", time.perf_counter() - start
    task = ReadAndKeep(read, folder)
    for (path, _), data, error, took in pool.run(task, [(path, keys[path]) for path in todo]):
        yield path, (None if data is None else pickle.loads(data)[1]), error, took   # noqa: S301 — our worker's
    if folder is not None:
        _prune(folder)


def _prune(folder: Path) -> None:
    """Results not used for two weeks, the least recently used beyond MAX_FILES, and files left an hour ago by a
    worker stopped mid-write, removed."""
    now = time.time()
    kept: list[tuple[float, str]] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                used = entry.stat().st_mtime
                if entry.name.endswith(SUFFIX) and now - used <= KEEP_SECONDS:
                    kept.append((used, entry.path))
                elif entry.name.endswith(SUFFIX) or (entry.name.endswith(".tmp") and now - used > 3600):
                    os.unlink(entry.path)
        for _, path in sorted(kept, reverse=True)[MAX_FILES:]:
            os.unlink(path)
    except OSError:
        pass

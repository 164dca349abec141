"""The output folder's history: one facts snapshot per build date (`historia/2026-12-01.json`), and which earlier
snapshot a build compares with.

The history is outside the packages and the incremental manifest: a build writes its snapshot beside its
deliverables, and the snapshot it compares with is part of its fingerprint (its documents change with it).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pipeline.exceptions import UsageProblem
from pipeline.officefiles import atomic_write
from pipeline.view import snapshot as snap


def history_dir(root: Path, labels: Any) -> Path:
    return root / labels.get("output.history_folder")


def snapshot_path(folder: Path, as_of: dt.date) -> Path:
    return folder / f"{as_of.isoformat()}.json"


def _dated(folder: Path) -> list[tuple[dt.date, Path]]:
    found = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            found.append((dt.date.fromisoformat(path.stem), path))
        except ValueError:
            continue
    return sorted(found)


def _date(text: str) -> dt.date | None:
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def baseline_path(root: Path, labels: Any, as_of: dt.date, compare_to: str | None = None) -> Path | None:
    """The snapshot a build at AS_OF into ROOT compares with: the one named by COMPARE_TO (a date P.K.VVVV, an
    earlier build's output folder, its history folder or one of its packages), else the latest of an earlier date
    (None: none)."""
    here = history_dir(root, labels)
    if not compare_to:
        earlier = [path for date, path in _dated(here) if date < as_of]
        return earlier[-1] if earlier else None
    date = _date(compare_to)
    if date is not None:
        path = snapshot_path(here, date)
        if not path.is_file():
            raise UsageProblem(labels.get("changes.cli.no_snapshot", date=compare_to, folder=str(here)))
        return path
    folder = Path(compare_to)
    if folder.is_file():                # a package of an earlier build: the history of the output folder it is in
        folder = folder.parent.parent
    for candidate in [*(history_dir(folder, each) for each in labels.everywhere()), folder]:   # built in any language
        dated = [path for day, path in _dated(candidate) if day < as_of or candidate != here]
        if dated:
            return dated[-1]
    raise UsageProblem(labels.get("changes.cli.no_history", path=compare_to))


def read_baseline(path: Path | None) -> tuple[dict[str, Any] | None, bytes]:
    """The snapshot at PATH (None when there is none or it cannot be compared with) and its bytes."""
    if path is None:
        return None, b""
    data = path.read_bytes()
    return snap.load(data), data


def build_snapshot(entries: list[Any], as_of: dt.date) -> dict[str, Any]:
    """The snapshot of a build's valid lines (ENTRIES: pipeline/view/county.py's LineEntry, in its order)."""
    return snap.snapshot([entry.view for entry in entries if entry.view is not None], as_of)


def write_snapshot(root: Path, labels: Any, data: dict[str, Any]) -> Path:
    """Store the build's snapshot under its as-of date (the same facts give the same bytes)."""
    path = snapshot_path(history_dir(root, labels), dt.date.fromisoformat(data["as_of"]))
    content = snap.dump(data)
    if not path.is_file() or path.read_bytes() != content:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, content)
    return path

"""The hash of the values a combined document is rendered from, the same in every process and every run.

An area's documents used to be made again whenever any workbook changed (their key hung on every workbook). Now
their key hashes what they are made from: the area's own lines whole, the county-wide facts its scope reads from the
other lines (the exit plans of the systems, the lines' names; pipeline/view/scope.py), and the build's comparison
with the earlier snapshot. Everything else they read (the program, the templates and reference data, the build date
and the language) is in the build's fingerprint (pipeline/build/incremental.py), which every key holds.

The hash walks the values in a fixed order: Python's own pickle is no good here, as a set of strings pickles in a
different order in each process (PYTHONHASHSEED). A value of a kind the walk does not know raises `Unhashable`; the
document is then keyed on every workbook, as before (a key that changes too often only costs a render; one that
stays the same while the document would change would leave a wrong document).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from enum import Enum
from pathlib import PurePath
from typing import Any

from pydantic import BaseModel

from pipeline.catalog import Labels
from pipeline.reference import Reference
from pipeline.view.exits import ExitLine
from pipeline.view.scope import Scope


class Unhashable(TypeError):
    """A value the walk does not know how to hash the same way in every run."""


class Digest:
    """Hashes values (`of`), remembering the hash of each object (dataclass or model) met, as long as it lives: the
    same line's plan met in several keys is walked once."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[object, bytes]] = {}     # id → (the object, kept alive; its hash)
        self._open: set[int] = set()

    def named(self, value: object, name: str) -> None:
        """VALUE (a dataclass or model) hashed as NAME from now on: what it is made from, already hashed (a line's
        plan: its workbook's name and content hash, with the build's fingerprint in every key)."""
        self._known[id(value)] = (value, hashlib.sha256(b"named:" + name.encode("utf-8")).digest())

    def of(self, *values: Any) -> str:
        digest = hashlib.sha256()
        for value in values:
            self._feed(digest, value)
        return digest.hexdigest()

    def _object(self, value: object) -> bytes:
        key = id(value)
        found = self._known.get(key)
        if found is not None:
            return found[1]
        if key in self._open:
            raise Unhashable(f"a cycle through {type(value).__qualname__}")
        self._open.add(key)
        try:
            digest = hashlib.sha256(_name(value))
            if isinstance(value, BaseModel):
                digest.update(value.model_dump_json().encode("utf-8"))
            else:
                for item in dataclasses.fields(value):      # type: ignore[arg-type]
                    digest.update(item.name.encode("utf-8") + b"=")
                    self._feed(digest, getattr(value, item.name))
            result = digest.digest()
        finally:
            self._open.discard(key)
        self._known[key] = (value, result)
        return result

    def _feed(self, digest: Any, value: Any) -> None:
        update = digest.update
        if value is None or isinstance(value, bool):
            update(f"<{value}>".encode())
        elif isinstance(value, Enum):
            update(_name(value) + b":")
            self._feed(digest, value.value)
        elif isinstance(value, str):
            data = value.encode("utf-8")
            update(b"s%d:" % len(data) + data)
        elif isinstance(value, int):
            update(b"i%d;" % value)
        elif isinstance(value, float):
            update(f"f{value!r};".encode())
        elif isinstance(value, (dt.date, dt.time)):          # a datetime is a date
            update(_name(value) + value.isoformat().encode() + b";")
        elif isinstance(value, PurePath):
            self._feed(digest, f"path:{value.as_posix()}")
        elif isinstance(value, (Reference, Labels)):         # in the build's fingerprint (templates/)
            update(_name(value))
        elif isinstance(value, BaseModel) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
            update(b"o" + self._object(value))
        elif isinstance(value, (list, tuple)):
            update(b"%s%d[" % (_name(value), len(value)))
            for item in value:
                self._feed(digest, item)
            update(b"]")
        elif isinstance(value, dict):                      # in its order: a renderer may follow it
            update(b"m%d{" % len(value))
            for key, item in value.items():
                self._feed(digest, key)
                self._feed(digest, item)
            update(b"}")
        elif isinstance(value, (set, frozenset)):            # sorted: its order differs between runs
            items = sorted(self.of(item) for item in value)
            update(f"u{len(items)}{{{','.join(items)}}}".encode())
        elif isinstance(value, re.Pattern):
            self._feed(digest, f"re:{value.flags}:{value.pattern}")
        else:
            raise Unhashable(f"no stable hash for {type(value).__qualname__}")


def _name(value: object) -> bytes:
    kind = type(value)
    return f"{kind.__module__}.{kind.__qualname__}".encode()


def area_keys(scopes: list[Scope], changes: Any, named: dict[int, tuple[Any, str]] | None = None) -> list[str]:
    """The hash of what each area's documents are made from (SCOPES, the build's CHANGES); "" for an area whose
    values cannot be hashed (its documents are then keyed on every workbook). Of the county's other lines a scope
    reads only the exit plans of its own lines' systems and every line's code, state and name (`Scope.exits`,
    `Scope._line_names`), and of a line in an exit plan only its code and risks (`exit_line_part`); the tests hold
    the views and renderers to that. NAMED (id → (value, name)): values hashed by what they are made from (each
    line's plan by its workbook: at 300 lines, walking every plan would take a third of a second)."""
    digest = Digest()
    for value, name in (named or {}).values():
        digest.named(value, name)
    keys = []
    names: str | None = None
    for scope in scopes:
        try:
            if names is None:
                names = digest.of([(e.code, e.state, e.name) for e in scope.all_entries or scope.entries])
            own = [getattr(scope, item.name) for item in dataclasses.fields(scope) if item.name != "all_entries"]
            exits = [[getattr(plan, item.name) for item in dataclasses.fields(plan) if item.name != "lines"]
                     + [exit_line_part(u) for u in plan.lines] for plan in scope.exits]
            keys.append(digest.of(own, exits, names, changes))
        except Unhashable:
            keys.append("")
    return keys


def exit_line_part(use: ExitLine) -> list[Any]:
    """What an area's documents read of another line's use of a system (ExitLine): the use whole but for the line's
    view, of which only the line's code and its risks (pipeline/view/exit_findings.py)."""
    return [getattr(use, item.name) for item in dataclasses.fields(use) if item.name != "line"] + [
        use.line.code, use.line.plan.risks]

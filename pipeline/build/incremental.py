"""Incremental builds: the manifest of content hashes the build keeps in its output folder.

A deliverable is made again only when its *key* changes. The key hashes the build's fingerprint (the program's
source, templates/ without the samples, the build date --as-of and the language) and the name and content of every
workbook the deliverable is made from: a line's documents hang on the line's workbook, the county's documents on
all of them; an area's documents hang on the values they are rendered from instead (pipeline/build/keys.py). A
file that was changed or deleted by hand since it was written (size or modification time differ) is made again too.
Rendered bytes equal to the file already there are not written again ("unchanged").

The manifest also keeps each workbook's summary (valid, errors, warnings, completeness), so a run in which nothing
changed answers from the manifest alone, without opening a workbook or importing a renderer.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from pipeline.officefiles import atomic_write

FORMAT = 1                                  # the manifest's own format; a different one is ignored
PROGRAM = Path(__file__).resolve().parent.parent   # the pipeline package
SKIPPED_TEMPLATES = ("samples",)            # sample plans feed `intake samples`, never the build


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def data_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tree(digest, root: Path, pattern: str, skip: tuple[str, ...] = ()) -> None:
    for path in sorted(root.rglob(pattern)):
        relative = path.relative_to(root)
        if not path.is_file() or "__pycache__" in relative.parts or relative.parts[0] in skip:
            continue
        digest.update(relative.as_posix().encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())


def fingerprint(templates: Path, as_of: dt.date, language: str) -> str:
    """What every deliverable depends on besides its workbooks: the program, the templates and reference data, the
    build date and the language."""
    digest = hashlib.sha256(f"{FORMAT}|{as_of.isoformat()}|{language}".encode())
    _tree(digest, PROGRAM, "*.py")
    _tree(digest, templates, "*", SKIPPED_TEMPLATES)
    return digest.hexdigest()


def job_key(build_fingerprint: str, name: str, sources: Iterable[Path], hashes: dict[Path, str],
            values: str = "") -> str:
    """The key of the deliverable NAME made from the workbooks SOURCES (HASHES: every workbook's content hash), or,
    when VALUES is given (the hash of the values it is rendered from, pipeline/build/keys.py), from those."""
    if values:
        return hashlib.sha256(f"{build_fingerprint}|{name}|values:{values}".encode()).hexdigest()
    digest = hashlib.sha256(f"{build_fingerprint}|{name}".encode())
    for source in sorted(sources):
        digest.update(f"|{source.name}:{hashes[source]}".encode())
    return digest.hexdigest()


@dataclass
class InputRecord:
    """One workbook read: its content hash and what the end table shows of it."""
    sha256: str
    file: str
    code: str
    status: str                     # valid | invalid | unreadable (report.* in the catalogue)
    errors: int
    warnings: int
    completeness: float | None
    seconds: float = 0.0            # reading and validating


@dataclass
class OutputRecord:
    """One file the build wrote. `rendered` is the hash of the renderer's bytes (a Word plan on disk may carry page
    numbers written later by the PDF pass); a PDF's `key` is the `rendered` hash of its document."""
    key: str
    sha256: str
    size: int
    mtime_ns: int
    owner: str = ""                 # the workbook (absolute path) it comes from alone; "" for combined files
    rendered: str = ""
    seconds: float = 0.0            # rendering (or converting) it


@dataclass
class BuildState:
    fingerprint: str = ""
    complete: bool = False          # the last build ran to its end without a failure
    pdf: bool = False               # …and made every PDF copy
    inputs: dict[str, InputRecord] = field(default_factory=dict)      # absolute path → record
    outputs: dict[str, OutputRecord] = field(default_factory=dict)    # path under the output folder → record
    areas_without_plan: list[str] = field(default_factory=list)        # said again when nothing changed

    @classmethod
    def load(cls, path: Path) -> BuildState:
        """The manifest at PATH; an empty state when there is none or it cannot be used (then all is built)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return cls()
            return cls(data["fingerprint"], data["complete"], data["pdf"],
                       {k: InputRecord(**v) for k, v in data["inputs"].items()},
                       {k: OutputRecord(**v) for k, v in data["outputs"].items()},
                       list(data.get("areas_without_plan", [])))
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def save(self, path: Path) -> None:
        data = {"format": FORMAT, "fingerprint": self.fingerprint, "complete": self.complete, "pdf": self.pdf,
                "inputs": {k: asdict(v) for k, v in sorted(self.inputs.items())},
                "outputs": {k: asdict(v) for k, v in sorted(self.outputs.items())},
                "areas_without_plan": self.areas_without_plan}
        atomic_write(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))

    def intact(self, name: str, root: Path) -> bool:
        """The file NAME is there as the build left it."""
        record = self.outputs.get(name)
        if record is None:
            return False
        try:
            stat = (root / name).stat()
        except OSError:
            return False
        return stat.st_size == record.size and stat.st_mtime_ns == record.mtime_ns

    def current(self, name: str, key: str, root: Path) -> bool:
        record = self.outputs.get(name)
        return record is not None and record.key == key and self.intact(name, root)

    def up_to_date(self, build_fingerprint: str, hashes: dict[Path, str], root: Path, pdf: bool) -> bool:
        """Nothing to do: the last build was complete, with the same fingerprint and the same workbooks (names and
        contents: a folder moved elsewhere is the same), with PDF copies when they are asked for, and every file it
        wrote is still as it left it."""
        return (self.complete and self.fingerprint == build_fingerprint and (self.pdf or not pdf)
                and sorted((Path(k).name, v.sha256) for k, v in self.inputs.items())
                == sorted((path.name, sha) for path, sha in hashes.items())
                and all(self.intact(name, root) for name in self.outputs))

    def record(self, root: Path, name: str, key: str, data_sha: str, *, owner: str = "", rendered: str = "",
               seconds: float = 0.0) -> None:
        stat = (root / name).stat()
        self.outputs[name] = OutputRecord(key, data_sha, stat.st_size, stat.st_mtime_ns, owner, rendered,
                                          round(seconds, 4))



@dataclass
class Ledger:
    """The bookkeeping of one build: the state found (OLD), the state being made (NEW), and the names of the files
    written and of those left as they were. With FORCE, everything is written again."""
    root: Path
    old: BuildState
    new: BuildState
    force: bool = False
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def keep(self, name: str, key: str, owner: str = "") -> bool:
        """NAME is current (same key, file as the build left it): carried over and not made again."""
        if self.force or not self.old.current(name, key, self.root):
            return False
        self.new.outputs[name] = replace(self.old.outputs[name], owner=owner)
        self.unchanged.append(name)
        return True

    def _same(self, name: str, sha: str, field_name: str) -> OutputRecord | None:
        before = self.old.outputs.get(name)
        if self.force or before is None or getattr(before, field_name) != sha or not self.old.intact(name, self.root):
            return None
        return before

    def put(self, name: str, data: bytes, key: str, owner: str = "", seconds: float = 0.0) -> str:
        """Write the rendered DATA as NAME unless the file there was rendered to the same bytes; the outcome."""
        sha = data_hash(data)
        before = self._same(name, sha, "rendered")
        if before is not None:
            self.new.outputs[name] = replace(before, key=key, owner=owner, seconds=round(seconds, 4))
            self.unchanged.append(name)
            return "unchanged"
        atomic_write(self.root / name, data)
        self.new.record(self.root, name, key, sha, owner=owner, rendered=sha, seconds=seconds)
        self.written.append(name)
        return "written"

    def put_file(self, name: str, temporary: Path, key: str, owner: str = "", seconds: float = 0.0) -> str:
        """Move the finished TEMPORARY file (beside NAME) into place unless NAME has the same content already."""
        sha = file_hash(temporary)
        before = self._same(name, sha, "sha256")
        if before is not None:
            temporary.unlink()
            self.new.outputs[name] = replace(before, key=key, owner=owner, seconds=round(seconds, 4))
            self.unchanged.append(name)
            return "unchanged"
        os.replace(temporary, self.root / name)
        self.new.record(self.root, name, key, sha, owner=owner, seconds=seconds)
        self.written.append(name)
        return "written"

    def rewrite(self, name: str, data: bytes) -> None:
        """NAME's content changed after it was recorded (page numbers written in): written again, key kept."""
        record = self.new.outputs[name]
        atomic_write(self.root / name, data)
        stat = (self.root / name).stat()
        self.new.outputs[name] = replace(record, sha256=data_hash(data), size=stat.st_size, mtime_ns=stat.st_mtime_ns)


def temporary_beside(path: Path) -> Path:
    """A name for a file being made, beside PATH and hidden (`.NAME.xxxx.tmp`: removed if a build is cut short)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")

def remove_temporary_files(root: Path) -> int:
    """Temporary files an interrupted build left (`.NAME.xxxx.tmp` of atomic_write); returns how many."""
    removed = 0
    if root.is_dir():
        for path in root.rglob(".*.tmp"):
            if path.is_file():
                path.unlink(missing_ok=True)
                removed += 1
    return removed


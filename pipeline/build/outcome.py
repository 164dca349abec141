"""The build's types: a deliverable (`Job`), what a build did (`BuildRun` and the rows of its end table), and the
`Progress` protocol through which the stages report as they go (pipeline/build/console.py shows it on a terminal;
the core never prints and never imports the console)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from pipeline.build.incremental import BuildState
    from pipeline.intake.result import IntakeResult, Problem

COUNTY = ""                         # Job.package of the county's own package


@dataclass(frozen=True)
class Job:
    """One deliverable: where it goes, the (module-level, picklable) function and values that render it, the
    workbooks it is read from (any change renders it again), the package that holds it (a service area's code,
    COUNTY, or None: no package), what it is (KIND: a key of package.readme.what) and the workbooks whose content it
    shows (MADE_FROM, the package's list of sources; None: SOURCES)."""
    path: Path
    render: Callable[..., bytes]
    args: tuple[Any, ...]
    sources: tuple[Path, ...]
    package: str | None = COUNTY
    kind: str = ""
    made_from: tuple[Path, ...] | None = None
    shared: bool = True             # a combined document (area, county, report): no single workbook's own
    title: str = ""                 # a line's document: the line's name as its workbook gives it
    values: str = ""                # the hash of the values it is made from (pipeline/build/keys.py): its key
                                    # hangs on them instead of on SOURCES; "" : on SOURCES

    @property
    def provenance(self) -> tuple[Path, ...]:
        return self.sources if self.made_from is None else self.made_from

    @property
    def owner(self) -> str:
        """The workbook whose row of the end table counts this file ("" : the combined files' row)."""
        return str(self.sources[0]) if len(self.sources) == 1 and not self.shared else ""


class Progress(Protocol):
    """What the build tells as it goes: a PHASE (read, render, pdf, package) of TOTAL steps begins; one STEP of it
    is done, ITEM (a file) with its OUTCOME (read, written, unchanged, failed) after SECONDS."""

    def phase(self, name: str, total: int) -> None: ...

    def step(self, item: str, outcome: str, seconds: float = 0.0) -> None: ...


class Silent:
    """Progress that shows nothing (the default, and the benchmark's)."""

    def phase(self, name: str, total: int) -> None:
        pass

    def step(self, item: str, outcome: str, seconds: float = 0.0) -> None:
        pass


@dataclass(frozen=True)
class Row:
    """One row of the end table: a workbook (its line), or the combined files."""
    line: str
    status: str = ""                # valid | invalid | unreadable; "" for the combined row
    errors: int | None = None
    warnings: int | None = None
    completeness: float | None = None
    written: int = 0
    unchanged: int = 0


def table_rows(state: BuildState, written: list[str], unchanged: list[str]) -> list[Row]:
    """The end table: a row per workbook of STATE (the files of WRITTEN and UNCHANGED it owns), then the combined
    files' row (those no single workbook owns)."""
    owners = {name: record.owner for name, record in state.outputs.items()}
    rows = [Row(record.code or record.file, record.status, record.errors, record.warnings, record.completeness,
                sum(1 for name in written if owners.get(name) == key),
                sum(1 for name in unchanged if owners.get(name) == key))
            for key, record in state.inputs.items()]
    combined = [name for name in written + unchanged if owners.get(name, "") == ""]
    rows.append(Row("", written=sum(1 for name in combined if name in written),
                    unchanged=sum(1 for name in combined if name in unchanged)))
    return rows


@dataclass
class BuildRun:
    rows: list[Row] = field(default_factory=list)
    results: list[IntakeResult] = field(default_factory=list)     # empty when nothing changed (nothing was read)
    skipped: list[Problem] = field(default_factory=list)           # files of the input folders that were not read
    areas_without_plan: list[str] = field(default_factory=list)    # names of areas with no valid workbook
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failures: list[tuple[Path, str]] = field(default_factory=list)
    locked: list[Path] = field(default_factory=list)       # outputs that could not be replaced (open, read-only)
    nothing_changed: bool = False
    interrupted: bool = False
    pdf_unavailable: tuple[str, str] | None = None     # why no PDF copies were made (reason, detail)
    pdfs_removed: int = 0

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        valid = all(row.status == "valid" for row in self.rows if row.status)
        return 0 if valid and not self.failures and not self.locked else 1

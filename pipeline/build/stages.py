"""build: the whole pipeline in order — read intake → validate → render Word / PowerPoint / Excel → PDF copies →
packages → report, doing again only what changed.

Every deliverable is a `Job` (where it goes, the function and values that render it, the workbooks it is made from,
the package that holds it), listed by `jobs_for`: a new deliverable needs only a new entry there. A job whose key
(pipeline/build/incremental.py) is unchanged is not rendered; the others render in worker processes and each is written
atomically as it arrives, so an interrupted build (Ctrl-C, a kill) leaves every finished file whole and the next
run finishes the job. The same inputs and --as-of give the same bytes whatever the number of workers.
"""
from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.commands.folders import build_apart_from_inputs, output_folder
from pipeline.commands.validate import collect
from pipeline.build.console import Row
from pipeline.build.incremental import (
    BuildState,
    InputRecord,
    Ledger,
    data_hash,
    file_hash,
    fingerprint,
    job_key,
    remove_temporary_files,
)
from pipeline.paths import OUTPUT_FOLDER, OutputLayout, shown_name
from pipeline.render.context import RenderContext

if TYPE_CHECKING:
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

    @property
    def provenance(self) -> tuple[Path, ...]:
        return self.sources if self.made_from is None else self.made_from


def validation_text(results: list[IntakeResult], skipped: list[Problem], ctx: RenderContext) -> bytes:
    from pipeline.report import text_report
    return text_report(results, ctx.labels, ctx.as_of, skipped).encode("utf-8")


def validation_json(results: list[IntakeResult], skipped: list[Problem], ctx: RenderContext) -> bytes:
    from pipeline.report import json_report
    return json_report(results, ctx.labels, skipped).encode("utf-8")


def with_changes(render: Callable[..., bytes], changes: Any, *args: Any) -> bytes:
    """RENDER with the build's comparison with the earlier snapshot in its context (pipeline/view/changes.py)."""
    *values, ctx = args
    return render(*values, replace(ctx, changes=changes))


def jobs_for(results: list[IntakeResult], skipped: list[Problem], layout: OutputLayout,
             ctx: RenderContext, baseline: dict[str, Any] | None = None,
             compared: bool = False) -> tuple[list[Job], list[str]]:
    """Every deliverable of a build: each valid line's Word plan and deck (the newest workbook of a line), the plan
    and deck of each service area with a valid line, the county plan, deck and workbook, and the validation report;
    and the names of the areas left without a plan (no valid workbook)."""
    from pipeline.render.county.workbook import render_county_workbook
    from pipeline.render.deck.build import render_deck
    from pipeline.render.deck.combined import render_area_deck, render_county_deck
    from pipeline.render.word.combined import render_area_plan, render_county_plan
    from pipeline.render.word.line import render_word_plan
    from pipeline.view.county import LineState, collect_lines
    from pipeline.view.scope import area_scopes, county_scope

    entries = collect_lines(results, ctx.reference, ctx.as_of)
    areas = area_scopes(entries, ctx.reference, ctx.as_of)
    source = {id(r.plan): r.path for r in results if r.plan is not None}
    every = tuple(r.path for r in results)
    jobs = [Job(path(e.code), render, (e.plan,), (source[id(e.plan)],), e.area_code, kind, shared=False,
                title=e.plan.basics.line_name)
            for e in entries if e.state is LineState.VALID and e.plan is not None
            for path, render, kind in ((layout.word_plan, render_word_plan, "line"),
                                       (layout.deck, render_deck, "line"))]
    by_name = {r.path.name: r.path for r in results}
    area_books = {area.code: tuple(sorted({by_name[e.file] for e in area.entries if e.file in by_name}))
                  for area in areas}
    jobs += [Job(path(area.code), render, (area,), every, area.code, kind, area_books[area.code])
             for area in areas if area.views
             for path, render, kind in ((layout.area_plan, render_area_plan, "area_plan"),
                                        (layout.area_deck, render_area_deck, "area_deck"))]
    county = county_scope(entries, ctx.reference, ctx.as_of)
    jobs += [Job(layout.county_plan(), render_county_plan, (county, areas), every, COUNTY, "county_plan"),
             Job(layout.county_deck(), render_county_deck, (county, areas), every, COUNTY, "county_deck"),
             Job(layout.county_workbook(), render_county_workbook, (results,), every, COUNTY, "county_workbook")]
    if compared:            # every document says what changed since the earlier snapshot (or that it is the first)
        from pipeline.history import build_snapshot
        from pipeline.view.changes import compare
        changes = compare(baseline, build_snapshot(entries, ctx.as_of))
        jobs = [replace(job, render=with_changes, args=(job.render, changes, *job.args)) for job in jobs]
    jobs += [Job(layout.validation_report(fmt), render, (results, skipped), every, None)
             for fmt, render in (("txt", validation_text), ("json", validation_json))]
    return jobs, [area.name for area in areas if not area.views]


class Silent:
    """Progress that shows nothing (the default, and the benchmark's)."""

    def phase(self, name: str, total: int) -> None:
        pass

    def step(self, item: str, outcome: str, seconds: float = 0.0) -> None:
        pass


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


def build(inputs: list[Path], out_dir: Path, ctx: RenderContext, jobs: int | None = None, *, force: bool = False,
          pdf: bool = False, progress: Any = None, compare_to: str | None = None) -> BuildRun:
    """Build every deliverable from the workbooks of INPUTS into OUT_DIR, doing again only what changed (all with
    FORCE); PDF copies with PDF. PROGRESS (phase/step, see pipeline/build/console.py) is told as it goes. The documents
    say what changed since the earlier snapshot of the output's history (COMPARE_TO: a date or an earlier output
    folder; pipeline/history.py), and the build's own snapshot is stored there."""
    from pipeline.history import baseline_path, read_baseline
    build_apart_from_inputs(out_dir, inputs, OUTPUT_FOLDER, ctx.labels)
    layout = OutputLayout.of(output_folder(out_dir, ctx.labels), ctx.labels)
    baseline, baseline_bytes = read_baseline(baseline_path(layout.root, ctx.labels, ctx.as_of, compare_to))
    found, skipped = collect(inputs, ctx.labels)
    files = [path.absolute() for path in found]
    hashes = {path: file_hash(path) for path in files}
    build_fingerprint = data_hash(fingerprint(ctx.templates, ctx.as_of, ctx.labels.language).encode()
                                  + b"|" + baseline_bytes)
    old = BuildState.load(layout.manifest())
    if not force and old.up_to_date(build_fingerprint, hashes, layout.root, pdf):
        unchanged = _unchanged(old, layout)
        unchanged.skipped = skipped
        return unchanged
    remove_temporary_files(layout.root)
    builder = Builder(ctx, layout, Ledger(layout.root, old, BuildState(build_fingerprint), force), hashes,
                       progress or Silent())
    builder.baseline = baseline
    builder.outcome.skipped = skipped
    with _kill_interrupts():
        try:
            builder.run(files, jobs or os.cpu_count() or 1, pdf)
        except KeyboardInterrupt:
            builder.outcome.interrupted = True
        finally:
            builder.finish(layout.manifest())
    return builder.outcome


def _unchanged(state: BuildState, layout: OutputLayout) -> BuildRun:
    names = sorted(state.outputs)
    rows = [_row(record.code or record.file, record, 0, _count(state, key, names))
            for key, record in state.inputs.items()]
    rows.append(Row("", written=0, unchanged=_count(state, "", names)))
    return BuildRun(rows, unchanged=[layout.root / name for name in names], nothing_changed=True,
                    areas_without_plan=state.areas_without_plan)


def _count(state: BuildState, owner: str, names: list[str]) -> int:
    return sum(1 for name in names if state.outputs[name].owner == owner)


def _row(line: str, record: InputRecord, written: int, unchanged: int) -> Row:
    return Row(line, record.status, record.errors, record.warnings, record.completeness, written, unchanged)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


@contextmanager
def _kill_interrupts() -> Iterator[None]:
    """A kill (SIGTERM) stops the build as Ctrl-C does: finished files stay, nothing is left half-written."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def read_workbook(path: Path, ctx: RenderContext) -> IntakeResult:
    from pipeline.intake.load import read_guarded
    return read_guarded(path, ctx.reference, ctx.labels, as_of=ctx.as_of)


def render_job(job: Job, ctx: RenderContext) -> bytes:
    return job.render(*job.args, ctx)


class Builder:
    def __init__(self, ctx: RenderContext, layout: OutputLayout, ledger: Ledger, hashes: dict[Path, str],
                 progress: Any) -> None:
        self.ctx, self.layout, self.ledger, self.hashes, self.progress = ctx, layout, ledger, hashes, progress
        self.outcome = BuildRun()
        self.results: list[IntakeResult] = []
        self.jobs: list[Job] = []
        self.baseline: dict[str, Any] | None = None      # the earlier snapshot the documents compare with

    def run(self, files: list[Path], workers: int, pdf: bool) -> None:
        from pipeline.build.deliver import make_packages, make_pdfs, open_office
        from pipeline.build.workers import Workers

        office = None
        try:
            with Workers(self.ctx, workers) as pool:
                self.results = self._read(pool, files)
                self.jobs, self.outcome.areas_without_plan = jobs_for(self.results, self.outcome.skipped,
                                                                      self.layout, self.ctx, self.baseline, True)
                todo = [job for job in self.jobs
                        if not self.ledger.keep(self.name(job.path), self.key(job), self.owner(job))]
                office = open_office(self, todo, workers) if pdf else None
                self._render(pool, todo)
            make_pdfs(self, office, pdf)
            office = make_packages(self, office, pdf)
        finally:
            if office is not None:
                office.close()
        self._store_snapshot()          # the facts this build wrote, once it has written them
        self.ledger.new.complete = not self.outcome.failures and not self.outcome.locked

    def _store_snapshot(self) -> None:
        from pipeline.history import build_snapshot, write_snapshot
        from pipeline.view.county import collect_lines
        entries = collect_lines(self.results, self.ctx.reference, self.ctx.as_of)
        write_snapshot(self.layout.root, self.ctx.labels, build_snapshot(entries, self.ctx.as_of))

    def name(self, path: Path) -> str:
        return self.layout.relative(path)

    def key(self, job: Job) -> str:
        return job_key(self.ledger.new.fingerprint, self.name(job.path), job.sources, self.hashes)

    @staticmethod
    def owner(job: Job) -> str:
        return str(job.sources[0]) if len(job.sources) == 1 and not job.shared else ""

    def _read(self, pool: Any, files: list[Path]) -> list[IntakeResult]:
        from pipeline.intake.load import checked_together
        from pipeline.report import status_key

        self.progress.phase("read", len(files))
        found: dict[Path, IntakeResult] = {}
        seconds: dict[Path, float] = {}
        for path, result, error, took in pool.run(read_workbook, files):
            found[path] = result if result is not None else self._unread(path, error)
            seconds[path] = took
            self.progress.step(shown_name(path), "read", took)
        results = checked_together([found[path] for path in files], self.ctx.labels, self.ctx.reference)
        self.outcome.results = results
        for result in results:
            self.ledger.new.inputs[str(result.path)] = InputRecord(
                self.hashes[result.path], shown_name(result.path), result.line_code, status_key(result),
                len(result.errors), len(result.warnings),
                result.overall_completeness if result.completeness else None, round(seconds[result.path], 4))
        return results

    def _unread(self, path: Path, error: str) -> IntakeResult:
        """A workbook whose reading failed for a reason of the program's own: reported as unreadable."""
        from pipeline.intake.result import IntakeResult, Problem, Severity
        labels = self.ctx.labels
        return IntakeResult(path, None, [Problem("read.failed", Severity.ERROR, shown_name(path),
                                                 message=labels.get("build.messages.read_failed", detail=error),
                                                 hint=labels.get("build.messages.read_failed_hint"))])

    def _render(self, pool: Any, todo: list[Job]) -> None:
        self.progress.phase("render", len(self.jobs))
        rendering = {id(job) for job in todo}
        for job in self.jobs:
            if id(job) not in rendering:
                self.progress.step(self.name(job.path), "unchanged")
        # the combined documents take longest: started first, they finish while the lines' documents render
        ordered = sorted(todo, key=lambda job: -len(job.sources))
        for job, data, error, took in pool.run(render_job, ordered):
            name = self.name(job.path)
            if data is None:
                self.outcome.failures.append((job.path, error))
                self.progress.step(name, "failed", took)
                continue
            try:
                outcome = self.ledger.put(name, data, self.key(job), self.owner(job), took)
            except OSError:          # open in Word or read-only: the old file stays, the rest goes on
                self.outcome.locked.append(job.path)
                outcome = "failed"
            self.progress.step(name, outcome, took)

    def finish(self, manifest: Path) -> None:
        """Save what was made (also when cut short: the next run goes on from there) and sum it up."""
        self.ledger.new.areas_without_plan = self.outcome.areas_without_plan
        self.ledger.new.save(manifest)
        ledger, root, outcome = self.ledger, self.layout.root, self.outcome
        outcome.written = [root / name for name in ledger.written]
        outcome.unchanged = [root / name for name in ledger.unchanged]
        owners = {name: ledger.new.outputs[name].owner for name in ledger.new.outputs}
        combined = [n for n in ledger.written + ledger.unchanged if owners.get(n, "") == ""]
        for key, record in ledger.new.inputs.items():
            outcome.rows.append(_row(record.code or record.file, record,
                                     sum(1 for n in ledger.written if owners.get(n) == key),
                                     sum(1 for n in ledger.unchanged if owners.get(n) == key)))
        outcome.rows.append(Row("", written=sum(1 for n in combined if n in ledger.written),
                                unchanged=sum(1 for n in combined if n in ledger.unchanged)))

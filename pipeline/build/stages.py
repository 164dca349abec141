"""The build stage: the whole pipeline in order — read intake → validate → render Word / PowerPoint / Excel → PDF
copies → packages → report, doing again only what changed.

Every deliverable is a `Job` (pipeline/build/outcome.py), listed by `jobs_for` (pipeline/build/jobs.py). A job
whose key (pipeline/build/incremental.py) is unchanged is not rendered; the others render in worker processes
(pipeline/build/workers.py) and each is written atomically as it arrives, so an interrupted build (Ctrl-C, a kill)
leaves every finished file whole and the next run finishes the job. The same inputs and --as-of give the same bytes
whatever the number of workers. One module per stage: read.py, render.py, deliver.py (PDF copies and packages).

Where a build waits after one workbook is edited: an unchanged workbook is not read again (its result is kept in the
user's cache folder, readcache.py); an area's documents are rendered again only when their own values change
(keys.py); with --pdf, LibreOffice starts as soon as the build knows it has work, and each document's PDF copy is
started as soon as the document is written; a package whose files are the same is not written again.
"""
from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.build.incremental import (
    BuildState,
    Ledger,
    data_hash,
    file_hash,
    fingerprint,
    job_key,
    remove_temporary_files,
)
from pipeline.build.outcome import BuildRun, Progress, Silent, table_rows
from pipeline.history import baseline_path, build_snapshot, read_baseline, write_snapshot
from pipeline.paths import OutputLayout
from pipeline.render.context import RenderContext

if TYPE_CHECKING:             # loads the schema (pydantic models), which a build with nothing to do never needs
    from pipeline.build.pdf.pool import OfficePool
    from pipeline.build.pdf.session import OfficeUnavailable
    from pipeline.intake.result import Problem


def run_build(files: list[Path], skipped: list[Problem], layout: OutputLayout, ctx: RenderContext,
              workers: int | None = None, *, force: bool = False, pdf: bool = False, progress: Progress | None = None,
              compare_to: str | None = None) -> BuildRun:
    """Build every deliverable from the workbooks FILES into LAYOUT's folder, doing again only what changed (all
    with FORCE); PDF copies with PDF. SKIPPED: the files of the input folders that were not read. PROGRESS is told
    as it goes. The documents say what changed since the earlier snapshot of the output's history (COMPARE_TO: a
    date or an earlier output folder; pipeline/history.py), and the build's own snapshot is stored there."""
    baseline, baseline_bytes = read_baseline(baseline_path(layout.root, ctx.labels, ctx.as_of, compare_to))
    files = [path.absolute() for path in files]
    hashes = {path: file_hash(path) for path in files}
    build_fingerprint = data_hash(fingerprint(ctx.templates, ctx.as_of, ctx.labels.language).encode()
                                  + b"|" + baseline_bytes)
    old = BuildState.load(layout.manifest())
    if not force and old.up_to_date(build_fingerprint, hashes, layout.root, pdf):
        return _unchanged(old, layout, skipped)
    workers = workers or os.cpu_count() or 1
    from pipeline.build.pdf.pool import OfficePool, start_early
    started = start_early(workers) if pdf else None     # LibreOffice starts while the build reads and renders
    try:
        ctx.read_all()              # a broken catalogue or data file stops the build before anything is written
        remove_temporary_files(layout.root)
        ledger = Ledger(layout.root, old, BuildState(build_fingerprint), force)
        run = BuildRun(skipped=skipped)
        with _kill_interrupts():
            try:
                _make(files, hashes, baseline, layout, ledger, ctx, run, progress or Silent(), workers, started)
            except KeyboardInterrupt:
                run.interrupted = True
            finally:
                _finish(ledger, layout, run)
    finally:
        if isinstance(started, OfficePool):
            started.close()
    return run


def _make(files: list[Path], hashes: dict[Path, str], baseline: dict[str, Any] | None, layout: OutputLayout,
          ledger: Ledger, ctx: RenderContext, run: BuildRun, progress: Progress, workers: int,
          started: OfficePool | OfficeUnavailable | None) -> None:
    """The stages in order: read, render, PDF copies (with the LibreOffice sessions STARTED, or why they could not
    start; None: no PDF copies wanted), packages; then the build's snapshot of the facts it wrote."""
    # deferred: the stages import the readers and renderers (openpyxl, python-docx, python-pptx) and the
    # patches install them, which a build with nothing to do (answered from the manifest above) never loads
    from pipeline.build.deliver import PdfFeed, open_office, package_stage, pdf_stage
    from pipeline.build.jobs import jobs_for
    from pipeline.build.pdf.pool import OfficePool
    from pipeline.build.read import read_stage
    from pipeline.build.render import render_stage
    from pipeline.build.workers import Workers
    from pipeline.render import oxml
    from pipeline.view.changes import compare
    from pipeline.view.county import collect_lines

    oxml.install()          # the library patches, before the workers start (forked, they inherit them)
    pdf = started is not None
    office = feed = None
    try:
        with Workers(ctx, workers) as pool:
            run.results = read_stage(pool, files, hashes, ledger, ctx, progress)
            entries = collect_lines(run.results, ctx.reference, ctx.as_of)
            snapshot = build_snapshot(entries, ctx.as_of)
            jobs, run.areas_without_plan = jobs_for(entries, run.results, run.skipped, layout, ctx,
                                                    compare(baseline, snapshot), hashes)
            keys = {id(job): job_key(ledger.new.fingerprint, layout.relative(job.path), job.sources, hashes,
                                     job.values) for job in jobs}
            todo = [job for job in jobs if not ledger.keep(layout.relative(job.path), keys[id(job)], job.owner)]
            office = open_office(jobs, todo, layout, ledger, run, started, workers) if started is not None else None
            if office is None and isinstance(started, OfficePool):
                started.end()                 # no PDF copy to make: LibreOffice ends while the build goes on
            feed = PdfFeed(office, layout, ledger)
            render_stage(pool, jobs, todo, keys, layout, ledger, run, progress, feed)
        pdf_stage(jobs, feed, pdf, layout, ledger, run, progress)
        office = package_stage(jobs, office, pdf, layout, ledger, hashes, ctx, run, progress)
    finally:
        if office is not None:
            office.close()
        if feed is not None:
            feed.discard()
    write_snapshot(layout.root, ctx.labels, snapshot)     # the facts this build wrote, once it has written them
    ledger.new.complete = not run.failures and not run.locked


def _finish(ledger: Ledger, layout: OutputLayout, run: BuildRun) -> None:
    """Save what was made (also when cut short: the next run goes on from there) and sum it up."""
    ledger.new.areas_without_plan = run.areas_without_plan
    ledger.new.save(layout.manifest())
    run.written = [layout.root / name for name in ledger.written]
    run.unchanged = [layout.root / name for name in ledger.unchanged]
    run.rows = table_rows(ledger.new, ledger.written, ledger.unchanged)


def _unchanged(state: BuildState, layout: OutputLayout, skipped: list[Problem]) -> BuildRun:
    """A build with nothing to do, answered from the manifest alone."""
    names = sorted(state.outputs)
    return BuildRun(table_rows(state, [], names), skipped=skipped, unchanged=[layout.root / name for name in names],
                    nothing_changed=True, areas_without_plan=state.areas_without_plan)


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

"""build: the whole pipeline in order — read intake → validate → render Word / PowerPoint / Excel → report.

The per-line documents are independent, so they render in parallel worker processes; each is written atomically
by this process as it arrives. The same inputs and --as-of give the same bytes whatever the number of workers.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from pipeline.commands.folders import output_folder
from pipeline.commands.validate import collect
from pipeline.exceptions import DigiplanError
from pipeline.intake.load import read_intakes
from pipeline.intake.result import IntakeResult, Problem
from pipeline.officefiles import atomic_write
from pipeline.paths import OutputLayout
from pipeline.render.context import RenderContext
from pipeline.render.county.workbook import render_county_workbook
from pipeline.render.deck.build import render_deck
from pipeline.render.deck.combined import render_area_deck, render_county_deck
from pipeline.render.word.combined import render_area_plan, render_county_plan
from pipeline.render.word.line import render_word_plan
from pipeline.report import json_report, text_report
from pipeline.view.county import LineState, collect_lines
from pipeline.view.scope import Scope, area_scopes, county_scope


@dataclass
class BuildRun:
    results: list[IntakeResult]
    skipped: list[Problem] = field(default_factory=list)     # files of the input folders that were not read
    written: list[Path] = field(default_factory=list)
    failures: list[tuple[Path, str]] = field(default_factory=list)
    areas_without_plan: list[str] = field(default_factory=list)    # names of areas with no valid workbook

    @property
    def exit_code(self) -> int:
        return 0 if all(r.valid for r in self.results) and not self.failures else 1


@dataclass(frozen=True)
class Job:
    """One deliverable: where it goes and the (module-level, picklable) function and values that render it."""
    path: Path
    render: Callable[..., bytes]
    args: tuple[Any, ...]


def jobs_for(results: list[IntakeResult], layout: OutputLayout, ctx: RenderContext,
             areas: list[Scope] | None = None) -> list[Job]:
    """Every deliverable of a build, in pipeline order: each valid line's Word plan and deck (the newest workbook of
    a line), the plan of each service area with at least one valid line, the county plan and the county
    workbook."""
    entries = collect_lines(results, ctx.reference, ctx.as_of)
    areas = area_scopes(entries, ctx.reference, ctx.as_of) if areas is None else areas
    jobs = [Job(path(e.code), render, (e.plan,))
            for e in entries if e.state is LineState.VALID and e.plan is not None
            for path, render in ((layout.word_plan, render_word_plan), (layout.deck, render_deck))]
    county = county_scope(entries, ctx.reference, ctx.as_of)
    jobs += [Job(path(area.code), render, (area,)) for area in areas if area.views
             for path, render in ((layout.area_plan, render_area_plan), (layout.area_deck, render_area_deck))]
    jobs += [Job(layout.county_plan(), render_county_plan, (county, areas)),
             Job(layout.county_deck(), render_county_deck, (county, areas))]
    jobs.append(Job(layout.county_workbook(), render_county_workbook, (results,)))
    return jobs


def build(inputs: list[Path], out_dir: Path, ctx: RenderContext, jobs: int | None = None) -> BuildRun:
    layout = OutputLayout.of(output_folder(out_dir, ctx.labels), ctx.labels)
    files, skipped = collect(inputs, ctx.labels)
    results = read_intakes(files, ctx.reference, ctx.labels, ctx.as_of)
    areas = area_scopes(collect_lines(results, ctx.reference, ctx.as_of), ctx.reference, ctx.as_of)
    run = BuildRun(results, skipped, areas_without_plan=[a.name for a in areas if not a.views])
    _write(run, layout.validation_report("txt"),
           lambda: text_report(results, ctx.labels, ctx.as_of, skipped).encode("utf-8"))
    _write(run, layout.validation_report("json"), lambda: json_report(results, ctx.labels, skipped).encode("utf-8"))
    for path, data, error in _render_all(jobs_for(results, layout, ctx, areas), ctx, jobs or os.cpu_count() or 1):
        if data is None:
            run.failures.append((path, error))
        else:
            _write(run, path, partial(bytes, data))
    return run


def failure_text(exc: Exception, ctx: RenderContext) -> str:
    """A renderer's failure in the user's words when it is a known problem (a broken template), else the
    program's own description (a bug, to be reported as it is)."""
    return exc.describe(ctx.labels) if isinstance(exc, DigiplanError) else f"{type(exc).__name__}: {exc}"


def _render(job: Job, ctx: RenderContext) -> tuple[Path, bytes | None, str]:
    try:
        return job.path, job.render(*job.args, ctx), ""
    except Exception as exc:  # noqa: BLE001 — reported per document, never stops the others
        return job.path, None, failure_text(exc, ctx)


def _render_all(jobs: list[Job], ctx: RenderContext, workers: int) -> Iterable[tuple[Path, bytes | None, str]]:
    render = partial(_render, ctx=ctx)
    if workers <= 1 or len(jobs) < 4:
        return map(render, jobs)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(render, jobs, chunksize=1))


def _write(run: BuildRun, path: Path, produce: Callable[[], bytes]) -> None:
    """Write one deliverable; a failure is recorded and never stops the other deliverables."""
    try:
        run.written.append(atomic_write(path, produce()))
    except Exception as exc:  # noqa: BLE001 — one broken document must not cost the county its others
        run.failures.append((path, f"{type(exc).__name__}: {exc}"))

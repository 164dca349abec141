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
from pipeline.render.word.document import render_word_plan
from pipeline.report import json_report, text_report
from pipeline.schema import LinePlan

LINE_RENDERERS: dict[str, Callable[[LinePlan, RenderContext], bytes]] = {
    "word_plan": render_word_plan,
    "deck": render_deck,
}


@dataclass
class BuildRun:
    results: list[IntakeResult]
    skipped: list[Problem] = field(default_factory=list)     # files of the input folders that were not read
    written: list[Path] = field(default_factory=list)
    failures: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 0 if all(r.valid for r in self.results) and not self.failures else 1


@dataclass(frozen=True)
class _Job:
    path: Path
    kind: str
    plan: LinePlan


def build(inputs: list[Path], out_dir: Path, ctx: RenderContext, jobs: int | None = None) -> BuildRun:
    layout = OutputLayout.of(output_folder(out_dir, ctx.labels), ctx.labels)
    files, skipped = collect(inputs, ctx.labels)
    results = read_intakes(files, ctx.reference, ctx.labels)
    run = BuildRun(results, skipped)
    _write(run, layout.validation_report("txt"),
           lambda: text_report(results, ctx.labels, ctx.as_of, skipped).encode("utf-8"))
    _write(run, layout.validation_report("json"), lambda: json_report(results, ctx.labels, skipped).encode("utf-8"))
    line_jobs = [_Job(getattr(layout, kind)(r.line_code), kind, r.plan)
                 for r in results if r.used and r.plan is not None for kind in LINE_RENDERERS]
    for path, data, error in _render_all(line_jobs, ctx, jobs or os.cpu_count() or 1):
        if data is None:
            run.failures.append((path, error))
        else:
            _write(run, path, partial(bytes, data))
    _write(run, layout.county_workbook(), lambda: render_county_workbook(results, ctx))
    return run


def failure_text(exc: Exception, ctx: RenderContext) -> str:
    """A renderer's failure in the user's words when it is a known problem (a broken template), else the
    program's own description (a bug, to be reported as it is)."""
    return exc.describe(ctx.labels) if isinstance(exc, DigiplanError) else f"{type(exc).__name__}: {exc}"


def _render(job: _Job, ctx: RenderContext) -> tuple[Path, bytes | None, str]:
    try:
        return job.path, LINE_RENDERERS[job.kind](job.plan, ctx), ""
    except Exception as exc:  # noqa: BLE001 — reported per document, never stops the others
        return job.path, None, failure_text(exc, ctx)


def _render_all(jobs: list[_Job], ctx: RenderContext, workers: int) -> Iterable[tuple[Path, bytes | None, str]]:
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

"""The build's render stage: the deliverables that changed rendered in the worker processes, each written
atomically (through the ledger) as it arrives; the others carried over as they are."""
from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.build.incremental import Ledger
from pipeline.build.outcome import BuildRun, Job, Progress
from pipeline.build.shared import resolved
from pipeline.build.workers import Workers
from pipeline.paths import OutputLayout
from pipeline.render.context import RenderContext

if TYPE_CHECKING:
    from pipeline.build.deliver import PdfFeed


def render_job(job: Job, ctx: RenderContext) -> bytes:
    return job.render(*resolved(job.args), ctx)


def render_stage(pool: Workers, jobs: list[Job], todo: list[Job], keys: dict[int, str], layout: OutputLayout,
                 ledger: Ledger, run: BuildRun, progress: Progress, feed: PdfFeed | None = None) -> None:
    """TODO (of JOBS; KEYS by id(job)) rendered and written; the rest told unchanged. A failure or a locked file is
    noted in RUN and the rest goes on. The FEED (pipeline/build/deliver.py) is told of each document written, to
    start its PDF copy, and puts those with a PDF copy to make first."""
    progress.phase("render", len(jobs))
    rendering = {id(job) for job in todo}
    for job in jobs:
        if id(job) not in rendering:
            progress.step(layout.relative(job.path), "unchanged")
    # with PDF copies to make, the documents that get one first (the FEED's order: LibreOffice starts on them while
    # the rest render); then the combined documents, which take longest: started first (the county workbook, the
    # longest, first of all), they finish while the lines' documents render
    first = feed.order if feed is not None else (lambda job: 0)
    ordered = sorted(todo, key=lambda job: (first(job), -len(job.sources), job.kind != "county_workbook"))
    for job, data, error, took in pool.run(render_job, ordered):
        name = layout.relative(job.path)
        if data is None:
            run.failures.append((job.path, error))
            progress.step(name, "failed", took)
            continue
        try:
            outcome = ledger.put(name, data, keys[id(job)], job.owner, took)
        except OSError:          # open in Word or read-only: the old file stays, the rest goes on
            run.locked.append(job.path)
            outcome = "failed"
        progress.step(name, outcome, took)
        if feed is not None and outcome != "failed":
            feed.rendered(job)

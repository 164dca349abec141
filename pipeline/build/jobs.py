"""Every deliverable of a build, as a `Job` (pipeline/build/outcome.py): a new deliverable needs only a new entry in
`jobs_for`. Imports the renderers (python-docx, python-pptx, openpyxl): the build imports this module
only once it knows something is to be made."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.build.keys import area_keys
from pipeline.build.outcome import COUNTY, Job
from pipeline.build.shared import Part, Shared
from pipeline.intake.result import IntakeResult, Problem
from pipeline.paths import OutputLayout
from pipeline.render.context import RenderContext
from pipeline.render.county.workbook import county_workbook
from pipeline.render.deck.build import render_deck
from pipeline.render.deck.combined import render_area_deck, render_county_deck
from pipeline.render.word.combined import render_area_plan, render_county_plan
from pipeline.render.word.line import render_word_plan
from pipeline.report import json_report, text_report
from pipeline.view.county import LineEntry, LineState
from pipeline.view.scope import area_scopes, county_scope


def validation_text(results: list[IntakeResult], skipped: list[Problem], ctx: RenderContext) -> bytes:
    return text_report(results, ctx.labels, ctx.as_of, skipped).encode("utf-8")


def validation_json(results: list[IntakeResult], skipped: list[Problem], ctx: RenderContext) -> bytes:
    return json_report(results, ctx.labels, skipped).encode("utf-8")


def with_changes(render: Callable[..., bytes], changes: Any, *args: Any) -> bytes:
    """RENDER with the build's comparison with the earlier snapshot in its context (pipeline/view/changes.py)."""
    *values, ctx = args
    return render(*values, replace(ctx, changes=changes))


def jobs_for(entries: list[LineEntry], results: list[IntakeResult], skipped: list[Problem], layout: OutputLayout,
             ctx: RenderContext, changes: Any, hashes: dict[Path, str] | None = None) -> tuple[list[Job], list[str]]:
    """Every deliverable of a build: each valid line's Word plan and deck (the newest workbook of a line: ENTRIES),
    the plan and deck of each service area with a valid line, the county plan, deck and workbook, and the validation
    report; and the names of the areas left without a plan (no valid workbook). Every document says what changed
    since the earlier snapshot (CHANGES, pipeline/view/changes.py; or that it is the first). The combined documents'
    values are `Part`s of one `Shared` (pipeline/build/shared.py): each worker gets them once. A line's documents
    carry their own plan: a worker renders hundreds of them, and keeps none of them. An area's documents are keyed
    on the values they are made from (pipeline/build/keys.py; HASHES: the workbooks' content hashes)."""
    areas = area_scopes(entries, ctx.reference, ctx.as_of)
    county = county_scope(entries, ctx.reference, ctx.as_of)
    shared = Shared({"entries": entries, "results": results, "areas": areas, "county": county})
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
    plans = {id(r.plan): (r.plan, f"{r.path.name}|{hashes[r.path]}") for r in results  # a plan is what its
             if r.plan is not None and hashes and r.path in hashes}                  # workbook says (HASHES)
    values = area_keys(areas, changes, plans)
    jobs += [Job(path(area.code), render, (Part(shared, "areas", n),), every, area.code, kind, area_books[area.code],
                 values=values[n])
             for n, area in enumerate(areas) if area.views
             for path, render, kind in ((layout.area_plan, render_area_plan, "area_plan"),
                                        (layout.area_deck, render_area_deck, "area_deck"))]
    county_args = (Part(shared, "county"), Part(shared, "areas"))
    jobs += [Job(layout.county_plan(), render_county_plan, county_args, every, COUNTY, "county_plan"),
             Job(layout.county_deck(), render_county_deck, county_args, every, COUNTY, "county_deck"),
             Job(layout.county_workbook(), county_workbook, (Part(shared, "entries"),), every, COUNTY,
                 "county_workbook")]
    jobs = [replace(job, render=with_changes, args=(job.render, changes, *job.args)) for job in jobs]
    jobs += [Job(layout.validation_report(fmt), render, (Part(shared, "results"), skipped), every, None)
             for fmt, render in (("txt", validation_text), ("json", validation_json))]
    return jobs, [area.name for area in areas if not area.views]

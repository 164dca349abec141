"""The PowerPoint change-story deck (muutoksen tarina) of one service line.

`render_deck(plan, ctx)` is pure: it reads templates/deck/deck.pptx and the labels, and returns the .pptx bytes.
The same plan and context give the same bytes."""
from __future__ import annotations

import datetime as dt

from pipeline.officefiles import package_bytes
from pipeline.render.context import RenderContext
from pipeline.render.deck.changes_slide import with_changes_slide
from pipeline.render.deck.chart import render_chart
from pipeline.render.deck.pager import Pager
from pipeline.render.deck.specs import Bullets, Chart, Columns, Cover, Risks, Status, Table
from pipeline.render.deck.story import Story
from pipeline.render.deck.story_followup import TimelineSpec
from pipeline.render.deck.template import DeckTemplate
from pipeline.render.deck.timeline import TimelineSlides
from pipeline.schema import LinePlan


def draw(pager: Pager, spec, ctx: RenderContext, channel_name) -> None:
    """One spec as its slide."""
    if isinstance(spec, Cover):
        pager.cover(spec)
    elif isinstance(spec, Status):
        pager.status(spec)
    elif isinstance(spec, Table):
        pager.table(spec)
    elif isinstance(spec, Columns):
        pager.columns(spec)
    elif isinstance(spec, Bullets):
        pager.bullets(spec)
    elif isinstance(spec, Chart):
        render_chart(pager, spec)
    elif isinstance(spec, Risks):
        pager.risks(spec)
    elif isinstance(spec, TimelineSpec):
        TimelineSlides(pager, ctx.labels, channel_name, ctx.as_of).render(spec.items, spec.title, spec.notes,
                                                                           spec.more)
    else:
        raise TypeError(f"no slide for {type(spec).__name__}")


def render_deck(plan: LinePlan, ctx: RenderContext) -> bytes:
    """The change-story deck of PLAN as .pptx bytes."""
    template = DeckTemplate(ctx.templates, ctx.labels, ctx.reference.organisation)
    pager = Pager(template, ctx.labels)
    story = Story(plan, ctx)
    for spec in with_changes_slide(story.slides(), ctx, line=story.view.code):
        draw(pager, spec, ctx, story.channel)
    return finish(template, story.date, title=story.t("properties.title", line=story.line),
                  subject=story.t("properties.subject"), author=story.line,
                  keywords=story.t("properties.keywords", code=story.plan.basics.line_code))


def finish(template: DeckTemplate, date: dt.date, *, title: str, subject: str, author: str,
           keywords: str = "") -> bytes:
    """The deck as reproducible bytes: its core properties dated from the data, in the catalogue's language (the
    chart workbooks carry no dates: render/chart_workbook.py)."""
    props = template.prs.core_properties
    props.title, props.subject, props.keywords = title, subject, keywords
    props.author = props.last_modified_by = author
    props.language = template.lang
    props.created = props.modified = props.last_printed = dt.datetime.combine(date, dt.time(0, 0))
    props.revision = 1
    return package_bytes(template.prs)


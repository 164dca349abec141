"""The PowerPoint change-story deck (muutoksen tarina) of one service line.

`render_deck(plan, ctx)` is pure: it reads templates/deck/deck.pptx and the labels, and returns the .pptx bytes.
The same plan and context give the same bytes."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from pipeline.officefiles import reproducible_zip, save_to_bytes
from pipeline.render.context import RenderContext
from pipeline.render.deck.chart import render_chart
from pipeline.render.deck.pager import Pager
from pipeline.render.deck.specs import Bullets, Chart, Columns, Cover, Risks, Status, Table
from pipeline.render.deck.story import Story, TimelineSpec
from pipeline.render.deck.template import DeckTemplate
from pipeline.render.deck.timeline import TimelineSlides
from pipeline.schema import LinePlan

_XLSX_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


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
    for spec in story.slides():
        draw(pager, spec, ctx, story.channel)
    _properties(template.prs, story)
    return finish(template, story.date)


def finish(template: DeckTemplate, date: dt.date) -> bytes:
    return reproducible_zip(_fixed_embeddings(save_to_bytes(template.prs), date))


def _properties(prs, story: Story) -> None:
    stamp = dt.datetime.combine(story.date, dt.time(0, 0))
    props = prs.core_properties
    props.title = story.t("properties.title", line=story.line)
    props.subject = story.t("properties.subject")
    props.keywords = story.t("properties.keywords", code=story.plan.basics.line_code)
    props.author = story.line
    props.last_modified_by = story.line
    props.language = story.ctx.labels.get("language.tag")
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1


def _fixed_embeddings(data: bytes, date: dt.date) -> bytes:
    """Chart workbooks embedded by python-pptx (XlsxWriter) carry the build time: fix it from the data."""
    source = zipfile.ZipFile(io.BytesIO(data))
    embedded = [n for n in source.namelist() if n.startswith("ppt/embeddings/") and n.endswith(".xlsx")]
    if not embedded:
        return data
    stamp = f"{date.isoformat()}T00:00:00Z".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:      # compressed once, by reproducible_zip
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename in embedded:
                inner = zipfile.ZipFile(io.BytesIO(content))
                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as rebuilt:
                    for name in inner.namelist():
                        part = inner.read(name)
                        if name == "docProps/core.xml":
                            part = _XLSX_DATES.sub(rb"\g<1>" + stamp + rb"\g<2>", part)
                        rebuilt.writestr(name, part)
                content = reproducible_zip(buffer.getvalue())
            target.writestr(info.filename, content)
    return out.getvalue()

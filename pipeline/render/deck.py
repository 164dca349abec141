"""The PowerPoint change-story deck (muutoksen tarina) of one service line.

`render_deck(plan, ctx)` is pure: it reads templates/deck/deck.pptx and the labels, and returns the .pptx bytes.
The same plan and context give the same bytes."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from pipeline.formatting import fi_date
from pipeline.officefiles import reproducible_zip, save_to_bytes
from pipeline.render.context import RenderContext
from pipeline.render.deck_chart import render_chart
from pipeline.render.deck_pages import Columns, Cuts, Pager
from pipeline.render.deck_roadmap import Roadmap, roadmap_items
from pipeline.render.deck_slides import DeckTemplate, clean, write_notes, write_paragraphs
from pipeline.render.deck_story import Story
from pipeline.schema import LinePlan, PathKind

_XLSX_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def render_deck(plan: LinePlan, ctx: RenderContext) -> bytes:
    """The change-story deck of PLAN as .pptx bytes."""
    template = DeckTemplate(ctx.templates, ctx.labels)
    pager = Pager(template, ctx.labels)
    story = Story(plan, ctx)
    _cover(pager, "title", story.line, story.subtitle(), story.title_notes())
    for spec in story.story():
        pager.bullets(spec)
    for spec in story.people():
        pager.columns(spec) if isinstance(spec, Columns) else pager.bullets(spec)
    for wave, codes in story.waves():
        title, text, notes = story.wave_section(wave, codes)
        _cover(pager, "section", title, [text], notes)
        for code in codes:
            pager.table(story.channel_table(code))
    pager.table(story.goals_table())
    render_chart(pager, story.goals_chart())
    Roadmap(pager, ctx.labels, story.channel, ctx.as_of).render(
        roadmap_items(plan, ctx.reference.channel_order), ctx.labels.get("deck.roadmap.title"),
        roadmap_notes(story, plan))
    for spec in story.perspectives():
        pager.columns(spec)
    for table in (story.communication(), story.resources(), story.next_steps()):
        pager.table(table)
    title, text, notes = story.closing()
    _cover(pager, "closing", title, [text], notes)
    _properties(template.prs, story)
    return reproducible_zip(_fixed_embeddings(save_to_bytes(template.prs), story.date))


def _cover(pager: Pager, key: str, title: str, lines: list[str], notes: str) -> None:
    """A title, section or closing slide: a title and a few short lines, each shortened to fit."""
    slide = pager.t.add_slide(key)
    cuts = Cuts()
    pager.title(slide, key, title, 0, cuts)
    frame = pager.t.frame(key, 1)
    fitted = pager._fit_items([[(line, False)] for line in lines if clean(line)], frame)
    pages = pager._pages(fitted, frame)
    shown = pages[0] if pages else []
    cuts.texts.extend(fitted[i][1] for i in shown if fitted[i][1])
    cuts.texts.extend(run[0][0] for n, (run, _) in enumerate(fitted) if n not in shown)
    write_paragraphs(pager.t.placeholder(slide, 1).text_frame, [fitted[i][0] for i in shown])
    write_notes(slide, cuts.notes(notes, pager.labels))


def roadmap_notes(story: Story, plan: LinePlan) -> str:
    span = plan.roadmap_span()
    if not span:
        return story.t("roadmap.notes", start=story.t("no_value"), end=story.t("no_value"),
                       as_of=fi_date(story.ctx.as_of), running=story.t("roadmap.nothing"),
                       next=story.t("roadmap.nothing"))
    as_of = story.ctx.as_of
    running = [m.name for m in plan.milestones
               if m.start and m.start <= as_of and (m.end or m.start) >= as_of and m.kind != PathKind.MILESTONE]
    upcoming = sorted((m for m in plan.milestones if m.start and m.start >= as_of and m.kind == PathKind.MILESTONE),
                      key=lambda m: m.start)
    upcoming_text = (f"{clean(upcoming[0].name)} {fi_date(upcoming[0].start)}" if upcoming
                     else story.t("roadmap.nothing"))
    lines = [story.t("roadmap.notes", start=fi_date(span[0]), end=fi_date(span[1]), as_of=fi_date(as_of),
                     running=story.join(running) if running else story.t("roadmap.nothing"), next=upcoming_text)]
    for code in story.ctx.reference.channel_order + sorted({m.channel for m in plan.milestones}
                                                           - set(story.ctx.reference.channel_order)):
        for m in plan.milestones_in(code):
            lines.append(story.t(
                "roadmap.notes_item", channel=story.channel(code), name=clean(m.name).replace("\n", " "),
                start=fi_date(m.start), end=story.t("roadmap.notes_end", date=fi_date(m.end)) if m.end else "",
                status=story.t("roadmap.notes_status", status=story.ctx.labels.enum(m.status)) if m.status else "",
                owner=story.t("roadmap.notes_owner", owner=clean(m.owner)) if clean(m.owner) else ""))
    return "\n".join(lines)


def _properties(prs, story: Story) -> None:
    stamp = dt.datetime.combine(story.date, dt.time(0, 0))
    props = prs.core_properties
    props.title = story.t("properties.title", line=story.line)
    props.subject = story.t("properties.subject")
    props.keywords = story.t("properties.keywords", code=story.plan.basics.line_code)
    props.author = story.line
    props.last_modified_by = story.line
    props.language = "fi-FI"
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

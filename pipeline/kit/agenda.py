"""A workshop's one-page facilitator agenda (.docx) from templates/word/agenda.docx (made by
tools/build_word_template.py, styled like the Word plans): when and where, who, the guide's goals, the agenda with
its clock times, the facilitator's reminders and the communication checklist for change leaders."""
from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.formatting import fi_date, fi_time
from pipeline.kit.facts import KitFacts, KitWorkshop
from pipeline.kit.texts import KitText
from pipeline.render.context import RenderContext
from pipeline.render.word.document import Properties, render_docx

TEMPLATE = "agenda.docx"


def agenda_rows(workshop: KitWorkshop, text: KitText) -> list[dict[str, str]]:
    """The agenda's items with their clock times, one after another from the workshop's start."""
    rows, start = [], workshop.start
    for item in text.workshop_texts(workshop.number).agenda:
        end = start + dt.timedelta(minutes=item.minutes)
        rows.append({"time": f"{fi_time(start.time())}–{fi_time(end.time())}", "item": item.item,
                     "duration": text.duration(item.minutes)})
        start = end
    return rows


def agenda_context(facts: KitFacts, workshop: KitWorkshop, text: KitText) -> dict[str, Any]:
    texts = text.workshop_texts(workshop.number)
    fact = {"time": text("agenda.time", when=text.when(workshop), duration=text.duration(workshop.minutes)),
            "place": text("agenda.place", teams_link=facts.teams_link),
            "facilitator": facts.facilitator, "management": facts.management, "participants": facts.participants}
    return {
        "L": text.labels.node("kit.agenda"),
        "doc": {"kicker": text("agenda.kicker", line_name=facts.line_name, code=facts.code),
                "title": text("agenda.title", number=workshop.number, name=workshop.name),
                "facts": [{"label": text(f"agenda.facts.{key}"), "value": value}
                          for key, value in fact.items() if value],
                "source": text("agenda.source", file=facts.file, date=fi_date(facts.version_date))},
        "goals": texts.goals,
        "agenda": agenda_rows(workshop, text),
        "notes": texts.notes,
        "checklist": text.items("checklist"),
    }


def render_agenda(facts: KitFacts, workshop: KitWorkshop, text: KitText, ctx: RenderContext) -> bytes:
    title = text("agenda.document_title", number=workshop.number, line_name=facts.line_name)
    properties = Properties(title=title, subject=workshop.name, author=facts.facilitator, date=facts.version_date)
    return render_docx(ctx, TEMPLATE, lambda _pictures, _template: agenda_context(facts, workshop, text), properties,
                       contents=False)

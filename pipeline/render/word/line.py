"""The Word implementation plan (käyttöönottosuunnitelma) of one service line, from templates/word/plan.docx.

`render_word_plan(plan, ctx)` is pure: the same plan and context give the same bytes."""
from __future__ import annotations

from pipeline.render.context import RenderContext
from pipeline.render.word.context import build_context
from pipeline.render.word.document import Properties, render_docx
from pipeline.schema import LinePlan

TEMPLATE = "plan.docx"


def render_word_plan(plan: LinePlan, ctx: RenderContext) -> bytes:
    view = ctx.view(plan)
    title = ctx.labels.get("word.header.title")
    properties = Properties(title=f"{title} – {view.name}", subject=view.area_name or title, author=view.name,
                            date=view.version_date)
    return render_docx(ctx, TEMPLATE, lambda pictures, _: build_context(plan, ctx, pictures), properties)

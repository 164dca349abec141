"""The Word implementation plan (käyttöönottosuunnitelma) of one service line, from templates/word/plan.docx.

`render_word_plan(plan, ctx)` is pure: it reads the template, fills it with docxtpl (autoescape, StrictUndefined)
and returns reproducible .docx bytes. All wording is in templates/labels/word.fi.toml, all styling in the template.
"""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from markupsafe import Markup, escape

from pipeline.officefiles import reproducible_zip, save_to_bytes, xml_safe
from pipeline.render.context import RenderContext
from pipeline.render.word.context import build_context
from pipeline.schema import LinePlan

TEMPLATE = Path("word") / "plan.docx"
# docxtpl turns these markers into Jinja braces after rendering; user text must keep them literally.
_DOCXTPL_MARKERS = ("{_", "_}", "%_")


def template_path(ctx: RenderContext) -> Path:
    return ctx.templates / TEMPLATE


class _CompilingOnceEnvironment(jinja2.Environment):
    """docxtpl compiles every XML part of the template on every render (most of a render's time); the parts are
    the same for every line, so each distinct source is compiled once per process and reused."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 — jinja2's signature
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]


@functools.cache
def jinja_env() -> jinja2.Environment:
    """The template environment: autoescape on, a missing name is an error (StrictUndefined)."""
    return _CompilingOnceEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)


def protect(text: str) -> str | Markup:
    """Text safe for the template: XML-illegal characters removed; docxtpl's own brace markers neutralised
    (escaped once here, as a character reference, so autoescape leaves them alone)."""
    text = xml_safe(text)
    if not any(m in text for m in _DOCXTPL_MARKERS):
        return text
    escaped = str(escape(text))
    return Markup(escaped.replace("{", "&#123;").replace("}", "&#125;").replace("%", "&#37;"))


def finalize(value: Any) -> Any:
    """Every string of the context through `protect`, recursively."""
    if isinstance(value, str):
        return protect(value)
    if isinstance(value, dict):
        return {k: finalize(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finalize(v) for v in value]
    return value


def word_context(plan: LinePlan, ctx: RenderContext) -> dict[str, Any]:
    """The complete, template-ready context (public for tests and previews)."""
    return finalize(build_context(plan, ctx))


def _set_properties(doc: Any, plan: LinePlan, ctx: RenderContext) -> None:
    props = doc.core_properties
    view = ctx.view(plan)
    when = dt.datetime.combine(view.version_date, dt.time(0, 0))
    name = xml_safe(view.name)
    title = ctx.labels.get("word.header.title")
    props.title = xml_safe(f"{title} – {name}")
    props.subject = xml_safe(view.area_name) or title
    props.author = props.last_modified_by = name
    props.created = props.modified = when
    props.last_printed = when
    props.revision = 1
    props.language = ctx.labels.get("language.tag")
    props.comments = props.keywords = props.category = ""


def render_word_plan(plan: LinePlan, ctx: RenderContext) -> bytes:
    """The line's Word plan as .docx bytes; the same plan and context give the same bytes."""
    template = DocxTemplate(str(template_path(ctx)))
    template.render(word_context(plan, ctx), jinja_env=jinja_env(), autoescape=True)
    _set_properties(template.docx, plan, ctx)
    return reproducible_zip(save_to_bytes(template))

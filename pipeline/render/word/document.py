"""Rendering a Word document from a docxtpl template of templates/word/: the machinery every Word plan shares.

`render_docx` reads the template, lets the caller build the context (pictures need the template), fills it with
docxtpl (autoescape, StrictUndefined), stores the table of contents filled in, gives every picture its alternative
text (charts carry theirs), sets the core properties from the data and returns reproducible .docx bytes. Wording is in
templates/labels/word.fi.toml, styling in the templates.
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from markupsafe import Markup, escape

from pipeline.officefiles import package_bytes, xml_safe
from pipeline.render import oxml
from pipeline.render.context import RenderContext
from pipeline.render.word.cached import CachedTemplate, set_language
from pipeline.render.word.charts import Charts, ChartSpec
from pipeline.render.word.tall_rows import let_tall_rows_split
from pipeline.render.word.toc import fill_toc

# docxtpl turns its markers {_ _} %_ into Jinja braces after rendering; user text must keep them literally.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _CompilingOnceEnvironment(jinja2.Environment):
    """docxtpl compiles every XML part of the template on every render (most of a render's time); the parts are
    the same for every document of a kind, so each distinct source is compiled once per process and reused.

    `a.b` on a plain dict (the contexts are dicts) reads the key at once: jinja first asks for the attribute, which
    a dict has only among its methods, and gets the key after an AttributeError each time; the value is the same."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 — jinja2's signature
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


@functools.cache
def jinja_env() -> jinja2.Environment:
    """The template environment: autoescape on, a missing name is an error (StrictUndefined)."""
    return _CompilingOnceEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)


def protect(text: str) -> str | Markup:
    """Text safe for the template: XML-illegal characters removed; docxtpl's own brace markers neutralised
    (escaped once here, as a character reference, so autoescape leaves them alone)."""
    text = xml_safe(text)
    if "{_" not in text and "_}" not in text and "%_" not in text:          # docxtpl's markers
        return text
    escaped = str(escape(text))
    return Markup(escaped.replace("{", "&#123;").replace("}", "&#125;").replace("%", "&#37;"))


def finalize(value: Any) -> Any:
    """Every string of the context through `protect`, recursively (pictures and sub-documents as they are)."""
    if isinstance(value, str):
        return protect(value)
    if isinstance(value, dict):
        return {k: finalize(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finalize(v) for v in value]
    return value


@dataclass
class Pictures:
    """The figures of one document: each is one or more native Word charts (pipeline/render/word/charts.py),
    numbered in order, each chart with its alternative text."""
    charts: Charts
    count: int = 0

    @property
    def next_number(self) -> int:
        return self.count + 1

    def add(self, specs: list[ChartSpec], caption: str) -> dict[str, Any]:
        self.count += 1
        return {"image": self.charts.figure(specs), "caption": caption}


@dataclass(frozen=True)
class Properties:
    title: str
    subject: str
    author: str
    date: dt.date


def render_docx(ctx: RenderContext, template: str, build: Callable[[Pictures, DocxTemplate], dict[str, Any]],
                properties: Properties, contents: bool = True) -> bytes:
    """The document of TEMPLATE (a file in templates/word) with the context BUILD gives, as .docx bytes; CONTENTS:
    the template has a table of contents to store filled in."""
    oxml.require()
    doc_template = CachedTemplate(str(ctx.templates / "word" / template), ctx.labels.get("language.tag"))
    pictures = Pictures(Charts(doc_template, ctx.labels.get("language.tag"),
                               ctx.reference.document_style.font, ctx.labels.get("word.figures.picture_name")))
    context = finalize(build(pictures, doc_template))
    doc_template.render(context, jinja_env=jinja_env(), autoescape=True)
    document = doc_template.docx
    let_tall_rows_split(document.element.body)
    if contents:
        fill_toc(document)
    _set_properties(document, properties, ctx.labels.get("language.tag"))
    set_language(document, ctx.labels.get("language.tag"))
    return package_bytes(doc_template)


def _set_properties(document: Any, properties: Properties, language: str) -> None:
    """The core properties (each once, in its own namespace: `oxml.install` undoes docxcompose's remapping)."""
    props = document.core_properties
    when = dt.datetime.combine(properties.date, dt.time(0, 0))
    props.title = xml_safe(properties.title)
    props.subject = xml_safe(properties.subject)
    props.author = props.last_modified_by = xml_safe(properties.author)
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.language = language
    props.comments = props.keywords = props.category = ""

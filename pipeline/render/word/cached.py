"""A docxtpl template that does its fixed work once per process (render/word/document.py renders through it).

- The template file is parsed once per language (its proofing language already set, `set_language`), and each
  render starts from a deep copy of that pristine document (half the time of parsing it again). The styles part
  (over 300 kB of XML, the most costly part to copy and to write) is not copied: every document shares the
  pristine's, which nothing changes while rendering, and its bytes are serialised once. A render that composes a
  sub-document (docxtpl's `new_subdoc`, which adds styles and numberings to the document) first gets a copy of
  its own.
- docxtpl's rewriting of each XML part's source with a chain of regular expressions (`patch_xml`, a pure function
  of the source) is remembered per source.
- The rendered body is parsed inside the template's own document element (its start tag kept from the template),
  and that element replaces the document's. docxtpl parses the body alone and moves it into the document, which
  walks every node again to reconcile its namespaces (a tenth of a plan's rendering time); the tree and the bytes
  written are the same. A table whose grid docxtpl would correct (`fix_tables`: more cells in a row than grid
  columns, or fewer) goes docxtpl's own way.
"""
from __future__ import annotations

import copy
import re
from functools import cache
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import element_class_lookup
from docxtpl import DocxTemplate
from jinja2.exceptions import TemplateError
from lxml import etree

from pipeline.officefiles import written_once

_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)     # docxtpl's resolve_listing's own paragraphs
_LISTING = re.compile("[\t\a\n\f]")                              # what it rewrites inside a paragraph
_BODY_START = re.compile(r"<w:body((?: xmlns:\w+=\"[^\"]*\")*)>")
_DECLARATION = re.compile(r" xmlns:(\w+)=\"([^\"]*)\"")
_DECLARING_TAG = re.compile(r"<[\w:]+ [^>]*xmlns:[^>]*>")
_DRAWING_IDS = etree.XPath("//wp:docPr", namespaces=nsmap)
_SHARED = (RT.STYLES,)                                           # parts every document of a template shares
_PARAGRAPH_START = re.compile(r"<w:p([ >])")                     # docxtpl puts a line break before each


def set_language(document: Any, tag: str) -> None:
    """The proofing language of every text (styles' defaults) and of the theme fonts: the run's language, whatever
    the template was made with (python-docx's core property `language` does not set it)."""
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    settings = document.settings.element
    for element in (defaults.find(qn("w:lang")) if defaults is not None else None,
                    settings.find(qn("w:themeFontLang"))):
        if element is not None and element.get(qn("w:val")) != tag:
            element.set(qn("w:val"), tag)


class _Pristine:
    """A template's document as parsed, in one language: deep-copied per render, its shared parts not."""

    def __init__(self, path: Path, lang: str) -> None:
        self.document = Document(str(path))
        set_language(self.document, lang)
        self.shared = []
        for rel in self.document.part.rels.values():
            if rel.reltype in _SHARED and not rel.is_external and isinstance(rel.target_part, XmlPart):
                part = rel.target_part
                part.__class__ = written_once(type(part))
                self.shared.append(part)
        shell = copy.deepcopy(self.document.element)
        body = shell.find(qn("w:body"))
        shell.replace(body, body.makeelement(qn("w:body"), {}))
        text = etree.tostring(shell, encoding="unicode")
        start, end = text.split("<w:body/>")
        self.start, self.end = start, end
        self.declared = dict(_DECLARATION.findall(start[: start.index(">")]))

    def copy(self) -> Any:
        return copy.deepcopy(self.document, {id(part): part for part in self.shared})


@cache
def _parser() -> etree.XMLParser:
    """docxtpl's parser for the rendered body (it recovers from what it can), making python-docx's element
    classes as the document's own parser does."""
    parser = etree.XMLParser(recover=True)
    parser.set_element_class_lookup(element_class_lookup)
    return parser


def _inner_body(xml: str, declared: dict[str, str]) -> str | None:
    """What follows the start tag of the rendered body XML, without the namespace declarations lxml drops when
    docxtpl moves the body into the document: a declaration of a prefix the document element declares alike, on
    the body or on an element inside it. None when the result could differ from docxtpl's: a default namespace, a
    declaration of another prefix or address on the body, or on an element inside it other than a chart's inline
    drawing (render/word/charts.py: not nested in another, and lxml keeps them)."""
    start = _BODY_START.match(xml)
    if start is None or any(declared.get(p) != h for p, h in _DECLARATION.findall(start.group(1))):
        return None
    inner = xml[start.end():]
    if "xmlns:" not in inner:
        return inner
    if " xmlns=" in inner:
        return None
    kept = True

    def strip(tag: re.Match[str]) -> str:
        nonlocal kept
        text = _DECLARATION.sub(lambda d: "" if declared.get(d.group(1)) == d.group(2) else d.group(0), tag.group(0))
        if "xmlns:" in text and not text.startswith("<wp:inline "):
            kept = False
        return text

    inner = _DECLARING_TAG.sub(strip, inner)
    return inner if kept else None


def _grid_needs_fixing(root: Any, spans: bool = True) -> bool:
    """Whether docxtpl's `fix_tables` would change a table of ROOT: a row with more cells than the grid has
    columns, or no row that spans all of them (its own walk: rows of nested tables count for the outer one too).
    SPANS: whether a cell may span columns (False: the XML has no `gridSpan`, every cell is one column)."""
    tbl, grid, col, tr, tc = qn("w:tbl"), qn("w:tblGrid"), qn("w:gridCol"), qn("w:tr"), qn("w:tc")
    span_path = f"{qn('w:tcPr')}/{qn('w:gridSpan')}"
    val = qn("w:val")
    for table in root.iter(tbl):
        columns = table.find(grid)
        if columns is None:
            return True
        count = len(columns.findall(col))
        widest = 0
        for row in table.iter(tr):
            cells = row.findall(tc)
            if len(cells) > count:
                return True
            width = len(cells)
            if spans:
                width = 0
                for cell in cells:
                    span = cell.find(span_path)
                    width += int(span.get(val)) if span is not None else 1
            widest = max(widest, width)
        if widest < count:
            return True
    return False


class CachedTemplate(DocxTemplate):
    """A docxtpl template in language LANG; see the module's description."""

    _pristine: dict[tuple[str, int, int, str], _Pristine] = {}     # (path, mtime, size, language) → the template
    _patched: dict[str, str] = {}
    _lined: dict[str, str] = {}
    docx: Any
    is_rendered: bool

    def __init__(self, template_file: str, lang: str) -> None:
        super().__init__(template_file)
        self.lang = lang
        self._from: _Pristine | None = None

    def init_docx(self, reload: bool = True) -> None:
        if not self.docx or (self.is_rendered and reload):
            path = Path(self.template_file)
            stat = path.stat()
            key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, self.lang)
            if key not in self._pristine:
                self._pristine[key] = _Pristine(path, self.lang)
            self._from = self._pristine[key]
            self.docx = self._from.copy()
            self.is_rendered = False

    def new_subdoc(self, docpath: Any = None) -> Any:
        """docxtpl's sub-document, after the document got its own copy of the shared parts (composing adds to
        them)."""
        self.init_docx()
        package = self.docx.part.package
        for rel in self.docx.part.rels.values():
            part = rel._target
            original = getattr(part, "shared_from", None)
            if original is not None and not rel.is_external:
                own = copy.deepcopy(part, {id(part.package): package})
                own.__class__ = original
                own.__dict__.pop("_written", None)
                rel._target = own
        return super().new_subdoc(docpath)

    def patch_xml(self, src_xml: str) -> str:
        patched = self._patched.get(src_xml)
        if patched is None:
            patched = self._patched[src_xml] = super().patch_xml(src_xml)
        return patched

    def render_xml_part(self, src_xml: str, part: Any, context: Any, jinja_env: Any = None) -> str:
        """docxtpl's rendering of one XML part, with its two rewritings of paragraph starts done without a regular
        expression's replacement template per paragraph: a line break before each `<w:p ` / `<w:p>` of the source
        (remembered per source) and taken away again after rendering (the same strings)."""
        if jinja_env is None:
            return super().render_xml_part(src_xml, part, context, jinja_env)
        lined = self._lined.get(src_xml)
        if lined is None:
            lined = self._lined[src_xml] = _PARAGRAPH_START.sub(r"\n<w:p\1", src_xml)
        try:
            self.current_rendering_part = part
            dst_xml = jinja_env.from_string(lined).render(context)
        except TemplateError as exc:
            if getattr(exc, "lineno", None) is not None:            # docxtpl's report of where the error is
                line_number = max(exc.lineno - 4, 0)                 # type: ignore[attr-defined]
                exc.docx_context = (re.sub(r"<[^>]+>", "", x)        # type: ignore[attr-defined]
                                    for x in lined.splitlines()[line_number: line_number + 7])
            raise
        dst_xml = dst_xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        dst_xml = dst_xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        return self.resolve_listing(dst_xml)

    def resolve_listing(self, xml: str) -> str:
        """docxtpl's rewriting of tabs, line, paragraph and page breaks inside texts, run only on the paragraphs
        that hold one of them (the others it gives back unchanged, after three nested regular expressions each)."""
        resolve = super().resolve_listing
        return _PARAGRAPH.sub(lambda m: resolve(m.group(0)) if _LISTING.search(m.group(0)) else m.group(0), xml)

    def fix_tables(self, xml: str) -> Any:
        """The rendered document: the body XML parsed inside the template's document element (see the module's
        description), or docxtpl's body tree when that could differ from docxtpl's (see `_inner_body`) or a
        table's grid needs docxtpl's correction."""
        pristine = self._from
        inner = _inner_body(xml, pristine.declared) if pristine is not None else None
        if pristine is None or inner is None:
            return super().fix_tables(xml)
        root = etree.fromstring(f"{pristine.start}<w:body>{inner}{pristine.end}", parser=_parser())
        if _grid_needs_fixing(root, spans="gridSpan" in inner):
            return super().fix_tables(xml)
        return root

    def fix_docpr_ids(self, tree: Any) -> None:
        """docxtpl's renumbering of the drawings' ids, its query compiled once (python-docx's elements take none
        with namespaces)."""
        for element in _DRAWING_IDS(tree):
            self.docx_ids_index += 1
            element.attrib["id"] = str(self.docx_ids_index)

    def map_tree(self, tree: Any) -> None:
        if tree.tag != qn("w:document"):
            super().map_tree(tree)
            return
        document = self.docx
        document.part._element = document._element = tree
        document._Document__body = None

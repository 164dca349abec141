"""The deck template as the renderer sees it: named layouts, each placeholder's box and text style, and the
primitives that write measured text, tables and notes onto slides (the run's language on every run: the template's
master and layouts are set to it too, and the organisation's name in the master's logo place follows it)."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import XmlPart
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.parts.slide import NotesSlidePart, SlidePart

from pipeline.catalog import Labels
from pipeline.exceptions import ConfigError
from pipeline.officefiles import written_once, xml_safe
from pipeline.reference import Organisation
from pipeline.render import oxml
from pipeline.render.deck.specs import Run, clean
from pipeline.render.deck.textfit import EMU_PER_PT, Box, Face, ParaStyle, shorten

TEMPLATE = Path("deck") / "deck.pptx"
LAYOUT_KEYS = ("title", "section", "content", "two", "three", "table", "chart", "timeline", "status", "risks",
               "closing")
THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
TITLE_TYPES = {"title", "ctrTitle"}
_DEFAULT_INSETS = (91440, 45720, 91440, 45720)


@dataclass(frozen=True)
class Frame:
    """A placeholder's position (EMU), usable text box (points) and level-1 paragraph style."""
    left: int
    top: int
    width: int
    height: int
    box: Box
    style: ParaStyle


@dataclass
class _Known:
    """What a template file in one language gives every deck alike."""
    frames: dict[tuple[str, int], Frame] = field(default_factory=dict)
    slides: dict[str, Any] = field(default_factory=dict)       # layout key → its new slide's XML
    notes: Any = None                                          # a new notes slide's XML


_KNOWN: dict[tuple[str, int, int, str], _Known] = {}


@dataclass(frozen=True)
class _Opened:
    """The template file opened, in a run's language and names (`_localize`, `_name_parts`): each deck starts from a
    deep copy of it (a third of the time of opening the file), without copying the slide master, the layouts, the
    theme and what else the master refers to (SHARED: no deck changes them, and their bytes are written once)."""
    prs: Any
    shared: list[Any]
    fonts: dict[str, str]


_OPENED: dict[tuple[Any, ...], _Opened] = {}


def _master_parts(prs: Any) -> list[Any]:
    """The slide master and every part reached from it (layouts, theme, pictures), the XML ones made to write
    their bytes once (officefiles.written_once)."""
    master = prs.slide_master.part
    found, stack = {id(master): master}, [master]
    while stack:
        for rel in stack.pop().rels.values():
            if not rel.is_external and id(rel.target_part) not in found:
                found[id(rel.target_part)] = rel.target_part
                stack.append(rel.target_part)
    for part in found.values():
        if isinstance(part, XmlPart):
            part.__class__ = written_once(type(part))
    return list(found.values())


class DeckTemplate:
    """The opened template with its named layouts; creates slides and writes text into them."""

    def __init__(self, templates: Path, labels: Labels, organisation: Organisation | None = None) -> None:
        path = templates / TEMPLATE
        oxml.require()
        self._path = path
        self.lang = labels.get("language.tag")
        opened = self._opened(path, labels, organisation)
        self.prs = copy.deepcopy(opened.prs, {id(part): part for part in opened.shared})
        self.layouts = self._named_layouts()
        self._fonts = opened.fonts
        stat = path.stat()
        # what depends only on the template file and the language, kept for the process's next decks: the frames'
        # geometry and styles, a layout's new slide (its placeholders cloned, the slide number filled) and a new
        # notes slide, made once by python-pptx and then copied (python-pptx clones each placeholder anew per slide)
        known = _KNOWN.setdefault((str(path), stat.st_mtime_ns, stat.st_size, self.lang), _Known())
        self._frames = known.frames
        self._slide_copies = known.slides
        self._known = known
        self._notes_made = 0

    def _opened(self, path: Path, labels: Labels, organisation: Organisation | None) -> _Opened:
        """The template as opened, localised and named for this run (see `_Opened`), once per process."""
        try:
            stat = path.stat()
        except OSError as exc:
            raise ConfigError(code="template_unreadable", file=str(path)) from exc
        naming = (self.lang, tuple(labels.get(f"deck.layouts.{key}") for key in LAYOUT_KEYS),
                  repr(labels.node("deck.shapes")), repr(labels.node("deck.prompts")),
                  (organisation.name, tuple(organisation.texts())) if organisation else None)
        key = (str(path), stat.st_mtime_ns, stat.st_size, naming)
        if key not in _OPENED:
            try:
                self.prs = Presentation(str(path))
            except Exception as exc:  # noqa: BLE001 - any unreadable template is a configuration problem
                raise ConfigError(code="template_unreadable", file=str(path)) from exc
            self.layouts = self._named_layouts()
            self._localize(organisation)
            self._name_parts(labels)
            _OPENED[key] = _Opened(self.prs, _master_parts(self.prs), self._theme_fonts())
        return _OPENED[key]

    def _named_layouts(self) -> dict[str, Any]:
        """The layouts by the template's language-neutral ids (LAYOUT_KEYS)."""
        ids = {layout.element.get("matchingName") or layout.name: layout for layout in self.prs.slide_layouts}
        layouts: dict[str, Any] = {}
        for key in LAYOUT_KEYS:
            if key not in ids:
                raise ConfigError(code="layout_missing", file=str(self._path), name=key)
            layouts[key] = ids[key]
        return layouts

    def _localize(self, organisation: Organisation | None) -> None:
        """The master's and layouts' texts in the run's language: their language tags, and a text that is the
        organisation's name in some language (the logo place) in this run's. Nothing changes when they already are."""
        names = set(organisation.texts()) if organisation else set()
        for part in [self.prs.slide_master, *self.prs.slide_layouts]:
            for node in part.element.iter(qn("a:rPr"), qn("a:endParaRPr"), qn("a:defRPr")):
                if node.get("lang") not in (None, self.lang):
                    node.set("lang", self.lang)
            for text in part.element.iter(qn("a:t")):
                if organisation and text.text in names and text.text != organisation.name:
                    text.text = organisation.name

    def _name_parts(self, labels: Labels) -> None:
        """The layouts' and their shapes' shown names and the empty placeholders' prompts in the run's language, by
        the template's language-neutral ids (a layout's matchingName, a shape's name; `heading_2` is `heading` 2)."""
        for key, layout in self.layouts.items():
            layout.element.cSld.set("name", labels.get(f"deck.layouts.{key}"))
        shown, prompts = labels.node("deck.shapes"), labels.node("deck.prompts")
        for part in [self.prs.slide_master, *self.layouts.values()]:
            for shape in part.element.iter(qn("p:sp")):
                c_nv_pr = shape.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}")
                base, _, number = c_nv_pr.get("name", "").partition("_")
                shape_id = c_nv_pr.get("name", "") if not number.isdigit() else base
                if shape_id not in shown:
                    continue
                c_nv_pr.set("name", f"{shown[shape_id]} {number}" if number.isdigit() else shown[shape_id])
                texts = list(shape.iter(qn("a:t")))
                if shape_id in prompts and len(texts) == 1 and shape.find(f".//{qn('p:ph')}") is not None:
                    texts[0].text = prompts[shape_id]

    # -- reading the template -------------------------------------------------------------------------------------
    def _theme_fonts(self) -> dict[str, str]:
        theme = etree.fromstring(self.prs.slide_master.part.part_related_by(THEME_REL).blob)
        a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
        return {kind: theme.find(f".//{a}{kind}Font/{a}latin").get("typeface") for kind in ("major", "minor")}

    def _layout_placeholder(self, key: str, idx: int):
        for placeholder in self.layouts[key].placeholders:
            if placeholder.placeholder_format.idx == idx:
                return placeholder
        raise ConfigError(code="placeholder_missing", file=str(self._path), layout=self.layouts[key].name, index=idx)

    def _master_level(self, is_title: bool):
        styles = self.prs.slide_master.element.find(qn("p:txStyles"))
        return styles.find(qn("p:titleStyle" if is_title else "p:bodyStyle")).find(qn("a:lvl1pPr"))

    def frame(self, key: str, idx: int) -> Frame:
        """The geometry and level-1 style of placeholder IDX of layout KEY, as inherited from the template."""
        if (key, idx) not in self._frames:
            self._frames[key, idx] = self._read_frame(key, idx)
        return self._frames[key, idx]

    def _read_frame(self, key: str, idx: int) -> Frame:
        ph = self._layout_placeholder(key, idx)
        is_title = ph.element.ph.get("type", "body") in TITLE_TYPES
        levels = [lvl for lvl in (ph.element.find(f".//{qn('a:lstStyle')}/{qn('a:lvl1pPr')}"),
                                  self._master_level(is_title)) if lvl is not None]

        def pick(path: str, attr: str, default: float) -> float:
            for level in levels:
                node = level if not path else level.find(path)
                if node is not None and node.get(attr) is not None:
                    return float(node.get(attr))
            return default

        size = pick(qn("a:defRPr"), "sz", 1800) / 100
        bold = pick(qn("a:defRPr"), "b", 0) == 1
        has_bullet = next((level.find(qn("a:buChar")) is not None for level in levels
                           if level.find(qn("a:buChar")) is not None or level.find(qn("a:buNone")) is not None),
                          False)
        margin = pick("", "marL", 0) if has_bullet else 0
        spacing = pick(f"{qn('a:lnSpc')}/{qn('a:spcPct')}", "val", 100000) / 100000
        before = pick(f"{qn('a:spcBef')}/{qn('a:spcPts')}", "val", 0) / 100
        face = Face(self._fonts["major" if is_title else "minor"], size, bold)
        body_pr = ph.element.find(f".//{qn('a:bodyPr')}")
        left, top, right, bottom = (int(body_pr.get(a, d)) if body_pr is not None else d
                                    for a, d in zip(("lIns", "tIns", "rIns", "bIns"), _DEFAULT_INSETS, strict=True))
        insets = (left, top, right, bottom)
        return Frame(ph.left, ph.top, ph.width, ph.height, Box.from_emu(ph.width, ph.height, insets),
                     ParaStyle(face, margin / EMU_PER_PT, before, spacing))

    # -- writing ----------------------------------------------------------------------------------------------------
    def add_slide(self, key: str):
        """A new slide of layout KEY at the end, its layout's placeholders in place and its number shown."""
        layout = self.layouts[key]
        if key in self._slide_copies:
            return self._copied_slide(layout, self._slide_copies[key])
        slide = self.prs.slides.add_slide(layout)
        for placeholder in layout.placeholders:
            if placeholder.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
                self._add_slide_number(slide, placeholder)
        self._slide_copies[key] = copy.deepcopy(slide.element)
        return slide

    def _copied_slide(self, layout, element):
        """What `prs.slides.add_slide` does (the same part name, relationships and slide id), with ELEMENT's copy
        as the slide."""
        presentation = self.prs.part
        part = SlidePart(presentation._next_slide_partname, CT.PML_SLIDE, presentation.package,
                         copy.deepcopy(element))
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        self.prs.slides._sldIdLst.add_sldId(presentation.relate_to(part, RT.SLIDE))
        return part.slide

    def _notes_frame(self, slide):
        """The notes text frame of SLIDE, its notes slide made: the first by python-pptx (which also makes the
        notes master), the others as copies of it, named and related as python-pptx names and relates them."""
        self._notes_made += 1
        if self._known.notes is None:
            notes = slide.notes_slide
            self._known.notes = copy.deepcopy(notes.element)
            return notes.notes_text_frame
        package = self.prs.part.package
        part = NotesSlidePart(PackURI(f"/ppt/notesSlides/notesSlide{self._notes_made}.xml"), CT.PML_NOTES_SLIDE,
                              package, copy.deepcopy(self._known.notes))
        part.relate_to(self.prs.part.notes_master_part, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        return part.notes_slide.notes_text_frame

    def _add_slide_number(self, slide, layout_placeholder) -> None:
        slide.shapes.clone_placeholder(layout_placeholder)
        shape = slide.shapes[-1]
        paragraph = shape.text_frame.paragraphs[0]._p
        field = etree.SubElement(paragraph, qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}",
                                 type="slidenum")
        etree.SubElement(field, qn("a:rPr"), lang=self.lang)
        etree.SubElement(field, qn("a:t")).text = "‹#›"

    @staticmethod
    def placeholder(slide, idx: int):
        """The slide's placeholder IDX (python-pptx makes a shape object of that one only)."""
        try:
            return slide.placeholders[idx]
        except KeyError:
            raise KeyError(idx) from None

    @staticmethod
    def remove(shape) -> None:
        element = shape.element
        element.getparent().remove(element)

    def write_paragraphs(self, text_frame, paras: list[list[Run]], size: float | None = None, align=None,
                         color=None) -> None:
        """Replace the frame's text with PARAS (each a list of (text, bold) runs); the document's language on
        every run; ALIGN (PP_ALIGN) on the paragraphs and the theme colour COLOR (MSO_THEME_COLOR) on the runs, as
        python-pptx's `alignment` and `font.color.theme_color` set them. Written as XML in one go: python-pptx's
        run-by-run API is most of a deck's render time."""
        body = text_frame._txBody
        body_pr = body.find(qn("a:bodyPr"))
        body_pr.set("wrap", "square")
        for child in list(body_pr):
            if child.tag in _AUTOFITS:
                body_pr.remove(child)
        for paragraph in body.findall(qn("a:p")):
            body.remove(paragraph)
        props = f'lang="{self.lang}"' + (f' sz="{round(size * 100)}"' if size else "")
        fill = f'<a:solidFill><a:schemeClr val="{type(color).to_xml(color)}"/></a:solidFill>' if color else ""
        start = f'<a:pPr algn="{type(align).to_xml(align)}"/>' if align is not None else ""
        xml = "".join(_paragraph(runs, props, start, fill) for runs in paras or [[("", False)]])
        body.extend(parse_xml(f"<a:txBody {_NS_A}>{xml}</a:txBody>"))

    def write_notes(self, slide, text: str) -> None:
        paras = [[(line, False)] for line in text.split("\n") if line.strip()]
        self.write_paragraphs(self._notes_frame(slide), paras)

    def set_title(self, slide, text: str) -> None:
        self.write_paragraphs(slide.shapes.title.text_frame, [[(text, False)]])


_NS_A = nsdecls("a")
_AUTOFITS = {qn("a:spAutoFit"), qn("a:normAutofit"), qn("a:noAutofit")}


def _paragraph(runs: list[Run], props: str, start: str = "", fill: str = "") -> str:
    """One <a:p> of RUNS: hard line breaks as <a:br/>, bold as b="1", every run with PROPS (language, size) and
    FILL (its colour); START (the paragraph's properties) first."""
    parts = [start]
    for text, bold in runs:
        run_props = props + (' b="1"' if bold else "")
        run_start = f"<a:rPr {run_props}>{fill}</a:rPr>" if fill else f"<a:rPr {run_props}/>"
        for k, piece in enumerate(text.split("\n")):
            if k:
                parts.append(f"<a:br><a:rPr {run_props}/></a:br>")
            parts.append(f"<a:r>{run_start}<a:t>{escape(xml_safe(piece))}</a:t></a:r>")
    return f"<a:p>{''.join(parts)}<a:endParaRPr {props}/></a:p>"


def fitted_title(text: str, frame: Frame) -> tuple[str, bool]:
    """TEXT shortened (ellipsis) to the lines the title box holds; (text, was_cut)."""
    lines = max(int(frame.box.height // (frame.style.face.line_height * frame.style.spacing)), 1)
    runs, cut = shorten([(clean(text).replace("\n", " "), frame.style.face.bold)], frame.style, frame.box.width,
                        lines)
    return "".join(t for t, _ in runs), cut

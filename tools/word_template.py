"""Building blocks of the Word templates (templates/word/*.docx), shared by the template builders in tools/.

A template starts from python-docx's default document: `new_document()` sets the page (A4), the styles every plan
template shares, the settings and fixed properties; the body and the header/footer are described with the small
XML helpers below (`para`, `heading`, `loop`, `when`, `table`, …) and put in with `set_body` / `set_header_footer`;
`to_bytes()` gives reproducible .docx bytes. Control tags are written as docxtpl expects them, as clean text:
a paragraph `{%p for … %}`, a table row `{%tr … %}`, a run `{%r … %}`.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt, RGBColor, Twips

ROOT = Path(__file__).resolve().parent.parent
TEXT_WIDTH = 9638                     # twips: A4 width 11906 minus 2 × 1134 margins
FONT = "Calibri"
BLUE, DARK, GREY, RED, WHITE, RULE = "1F4E79", "404040", "595959", "C00000", "FFFFFF", "A6A6A6"
ORGANISATION = "Länsi-Uudenmaan hyvinvointialue"
W = nsdecls("w")


# --- page, styles, settings ------------------------------------------------------------------------------------

def page_setup(doc) -> None:
    """A4 portrait, margins 2.2 cm top and 2 cm elsewhere, header and footer 1.1 cm from the edge."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Cm(2.2)
    section.right_margin = section.bottom_margin = section.left_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(1.1)
    section.gutter = 0


def style(doc, style_id: str, name: str | None = None, kind=WD_STYLE_TYPE.PARAGRAPH, *, builtin=False,
          reset=False, font=None, size=None, bold=None, italic=None, color=None, before=None, after=None,
          line=None, keep_next=None, page_break=None, left=None, right=None, outline=None, xml: str = ""):
    """Set the listed properties of style STYLE_ID; a NAME creates it (paragraph styles based on Normal).
    RESET first drops the paragraph properties python-docx's default gives the style. Sizes and spacing in
    points, indents in twips; OUTLINE: the outline level (9 = body text, never in the contents); XML: extra
    children of the style (borders, table properties), appended."""
    if name is not None:
        new = doc.styles.add_style(name, kind, builtin=builtin)
        new.style_id = style_id
        new.quick_style = True
        if kind == WD_STYLE_TYPE.PARAGRAPH:
            new.base_style = doc.styles["Normal"]
    target = next(s for s in doc.styles if s.style_id == style_id)
    if reset and target.element.pPr is not None:
        target.element.remove(target.element.pPr)
    f = target.font
    if font is not None:
        f.name = font
    if bold is not None:
        f.bold = bold
    if italic is not None:
        f.italic = italic
    if color is not None:
        f.color.rgb = RGBColor.from_string(color)
    if size is not None:
        f.size = Pt(size)
    if kind == WD_STYLE_TYPE.CHARACTER:
        return target
    if xml:
        for child in parse_xml(f"<w:x {W}>{xml}</w:x>"):
            tag = child.tag.replace(qn("w:x")[:-1], "w:")
            if tag in P_ORDER:                # a paragraph property, in the schema's order
                ppr = target.element.get_or_add_pPr()
                ppr.insert_element_before(child, *P_ORDER[P_ORDER.index(tag) + 1:])
            else:
                target.element.append(child)
    pf = target.paragraph_format
    if keep_next is not None:
        pf.keep_with_next = keep_next
    if page_break is not None:
        pf.page_break_before = page_break
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if line is not None:
        pf.line_spacing = line
    if left is not None:
        pf.left_indent = Twips(left)
    if right is not None:
        pf.right_indent = Twips(right)
    if outline is not None:                       # the last child a style's pPr may have here
        target.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="{outline}"/>'))
    return target


def borders(*sides: str, size: int, space: int, color: str) -> str:
    return "".join(f'<w:{s} w:val="single" w:sz="{size}" w:space="{space}" w:color="{color}"/>' for s in sides)


NO_HYPHENS = "<w:suppressAutoHyphens/>"      # titles and headings are never hyphenated
# the paragraph properties a style may be given as XML, and those that must follow them (the schema's order)
P_ORDER = [f"w:{t}" for t in ("pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
                                  "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
                                  "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
                                  "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
                                  "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr",
                                  "pPrChange")]

# The table style's borders, cell margins and header row (white bold text on blue).
TABLE_STYLE = (
    '<w:tblPr><w:tblBorders>'
    f'{borders("top", "left", "bottom", "right", "insideH", "insideV", size=4, space=0, color=RULE)}'
    '</w:tblBorders><w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
    '<w:bottom w:w="30" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    f'<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="{WHITE}"/></w:rPr><w:tblPr/>'
    f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{BLUE}"/></w:tcPr></w:tblStylePr>')


def define_styles(doc) -> None:
    """The styles of every plan template: Word's built-in ones restyled, then the custom ones (Finnish names)."""
    doc.styles.element.find(qn("w:docDefaults")).find(f'{qn("w:rPrDefault")}/{qn("w:rPr")}/{qn("w:lang")}').set(
        qn("w:val"), "fi-FI")
    style(doc, "Normal", font=FONT, size=10.5, after=6, line=1.1)
    for header_or_footer in ("Header", "Footer"):                      # one right tab at the text's right edge
        s = style(doc, header_or_footer, color=GREY, size=8.5)
        s.paragraph_format.tab_stops.clear_all()
        s.paragraph_format.tab_stops.add_tab_stop(Twips(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
    heading = dict(font=FONT, italic=False, color=BLUE, xml=NO_HYPHENS)
    # chapters flow on (a forced break left pages near empty): a page starts only where the template says so
    style(doc, "Heading1", size=18, before=18, after=12, keep_next=True, **heading)
    style(doc, "Heading2", size=14, before=12, after=4, **heading)
    style(doc, "Heading3", size=12, before=12, after=4, **heading)
    style(doc, "Heading4", size=11, before=10, after=3, **heading)
    # reset, as the template always had them: Title without the default bottom border and single line spacing,
    # Subtitle without a numbering level, Caption with Normal's line spacing; TOCHeading at outline level 9 (body
    # text), so that a contents updated by Word or LibreOffice does not list its own heading
    style(doc, "Title", reset=True, font=FONT, bold=True, color=BLUE, size=30, before=120, after=12, xml=NO_HYPHENS)
    style(doc, "Subtitle", reset=True, font=FONT, italic=False, color=DARK, size=16, after=48, xml=NO_HYPHENS)
    style(doc, "ListBullet", size=10.5)                              # bullets: numbering.xml's numId 1
    style(doc, "Caption", reset=True, keep_next=True, before=8, after=3, italic=False, color=DARK, size=10)
    style(doc, "TOCHeading", reset=True, keep_next=True, before=18, after=12, font=FONT, bold=True,
          color=BLUE, size=18, outline=9)
    style(doc, "TOC1", "toc 1", builtin=True, before=6, after=2, bold=True, size=11)
    style(doc, "TOC2", "toc 2", builtin=True, after=1, left=284, bold=False, size=10.5)
    style(doc, "Question", "Kysymys", keep_next=True, after=4, bold=False, italic=True, color=GREY, size=10.5)
    style(doc, "FieldLine", "Tietorivi", after=2, left=0, bold=False, size=10.5)
    style(doc, "CoverInfo", "Kansitieto", after=4, bold=False, size=12)
    style(doc, "CoverNote", "Kannen huomautus", before=30, bold=False, color=GREY, size=10)
    style(doc, "LogoPlaceholder", "Logopaikka", before=12, after=12, left=170, right=5500, bold=True, color=BLUE,
          size=12, xml=f'<w:pBdr>{borders("top", "left", "bottom", "right", size=8, space=8, color=BLUE)}</w:pBdr>')
    style(doc, "TableText", "Taulukon teksti", before=1, after=1, line=1.0, bold=False, size=9)
    style(doc, "TableTextKeep", "Taulukon teksti (koossa)", before=1, after=1, line=1.0, bold=False, size=9,
          keep_next=True)
    style(doc, "TableHeading", "Taulukon otsikkorivi", keep_next=True, before=1, after=1, line=1.0, bold=True,
          color=WHITE, size=9, xml=NO_HYPHENS)
    style(doc, "Overdue", "Myöhässä", WD_STYLE_TYPE.CHARACTER, bold=True, color=RED)
    style(doc, "KeyMessage", "Avainviesti", before=6, after=10, left=170, bold=True, color=BLUE, size=12, line=1.15,
          xml=f'<w:pBdr>{borders("left", size=24, space=8, color=BLUE)}</w:pBdr>')
    style(doc, "Figure", "Kuva", keep_next=True, before=6, after=0, line=1.0, bold=False, size=10.5)
    style(doc, "FigureCaption", "Kuvateksti", before=3, after=12, italic=True, color=DARK, size=9.5)
    style(doc, "Note", "Huomautus", before=2, after=6, italic=True, color=GREY, size=9.5)
    table = style(doc, "DigiplanTable", "Digiplan-taulukko", WD_STYLE_TYPE.TABLE, after=0, line=1.0, xml=TABLE_STYLE)
    table.base_style, table.priority = doc.styles["Normal Table"], 59


def define_settings(doc) -> None:
    """Finnish theme language and automatic hyphenation. No `updateFields`: Word would ask every reader on opening
    whether to update fields; the renderer stores the table of contents filled in instead."""
    settings = doc.settings.element
    # In CT_Settings' sequence order (Word refuses parts whose children are out of order): autoHyphenation right
    # after defaultTabStop; zoom needs its percent even when `val` says how to fit the page.
    settings.find(qn("w:defaultTabStop")).addnext(parse_xml(f'<w:autoHyphenation {W} w:val="true"/>'))
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")
    settings.find(qn("w:themeFontLang")).set(qn("w:val"), "fi-FI")


def define_properties(doc, title: str) -> None:
    """Fixed document properties (the renderer sets its own): reproducible bytes."""
    props = doc.core_properties
    props.title, props.language, props.revision = title, "fi-FI", 1
    props.author = props.last_modified_by = ORGANISATION
    props.subject = props.keywords = props.comments = props.category = ""
    props.created = props.modified = dt.datetime(2026, 1, 1)
    package = doc.part.package                                      # python-docx's sample thumbnail goes
    for rid in [rid for rid, rel in package.rels.items() if rel.reltype == RT.THUMBNAIL]:
        package.rels.pop(rid)


# --- body XML: runs, paragraphs, control tags, tables ----------------------------------------------------------

def run(text: str, rstyle: str | None = None) -> str:
    props = f'<w:rPr><w:rStyle w:val="{rstyle}"/></w:rPr>' if rstyle else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def strong(text: str) -> str:
    return run(text, "Strong")


TAB, BREAK = "<w:r><w:tab/></w:r>", "<w:r><w:br/></w:r>"
PAGE_BREAK = '<w:r><w:br w:type="page"/></w:r>'


def field(instruction: str, shown: str = "") -> tuple[str, str]:
    """The runs that open a field (up to its stored result SHOWN) and the run that closes it."""
    begin = (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">{instruction}'
             f'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' + (run(shown) if shown else ""))
    return begin, '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def content(*runs: str) -> str:
    """Runs: a string starting with '<' is run XML, any other string a plain run."""
    return "".join(r if r.startswith("<") else run(r) for r in runs if r)


def para(style_id: str | None, *runs: str) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>' if style_id else ""
    return f"<w:p>{props}{content(*runs)}</w:p>"


def heading(level: int, text: str, *, new_page: bool = False) -> str:
    """A heading; it starts a new page only when NEW_PAGE is True (after the cover, after the contents)."""
    if not new_page:
        return para(f"Heading{level}", text)
    return f'<w:p><w:pPr><w:pStyle w:val="Heading{level}"/><w:pageBreakBefore/></w:pPr>{content(text)}</w:p>'


def tag(statement: str) -> str:
    """A docxtpl paragraph tag: the whole paragraph becomes `{% statement %}`."""
    return para(None, f"{{%p {statement} %}}")


def loop(head: str, *body) -> list:
    return [tag(f"for {head}"), *body, tag("endfor")]


def when(condition: str, *body, otherwise: tuple | list = ()) -> list:
    return [tag(f"if {condition}"), *body, *([tag("else"), *otherwise] if otherwise else []), tag("endif")]


def fields(loop_head: str, style_id: str) -> list:
    """One 'Label: value' line per item of a list of {label, value}."""
    return loop(loop_head, para(style_id, strong("{{ f.label }}: "), "{{ f.value }}"))


def bullets(head: str, item: str = "t") -> list:
    return loop(head, para("ListBullet", f"{{{{ {item} }}}}"))


def cell(width: int, *paragraphs: str, span: int = 1, fill: str | None = None) -> str:
    """A table cell; FILL: its background colour, a context expression. The properties in CT_TcPr's sequence order
    (tcW, gridSpan, shd): Word refuses a cell whose `w:shd` comes first, as docxtpl's `{% cellbg %}` writes it."""
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{{{{ {fill} }}}}"/>' if fill else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}{shading}</w:tcPr>{"".join(paragraphs)}'
            '</w:tc>')


def table(rows: str, *columns: tuple, keep: bool = False) -> str:
    """A table of style DigiplanTable: a repeating header row, then one row per `r` in ROWS. A column is
    (width in twips, header label key under L.table — or a dotted path under L —, attribute of r — or a tuple
    of runs). KEEP: a short table kept on one page (its rows kept with the next paragraph)."""
    widths = [w for w, _, _ in columns]
    total = sum(widths)
    assert total <= TEXT_WIDTH, f"table wider than the text: {total}"
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    header = "".join(cell(w, para("TableHeading", f"{{{{ {key if '.' in key else 'L.table.' + key} }}}}"))
                     for w, key, _ in columns)
    text_style = "TableTextKeep" if keep else "TableText"
    body = "".join(cell(w, para(text_style, *runs_of(value)), fill=value.fill if isinstance(value, Shaded) else None)
                   for w, _, value in columns)

    def tag_row(statement: str) -> str:
        return f'<w:tr>{cell(total, para("TableText", f"{{%tr {statement} %}}"), span=len(columns))}</w:tr>'

    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="DigiplanTable"/><w:tblW w:w="{total}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            f'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>'
            f'{tag_row(f"for r in {rows}")}<w:tr><w:trPr><w:cantSplit/></w:trPr>{body}</w:tr>{tag_row("endfor")}'
            '</w:tbl>')


class Shaded(tuple):
    """A table column's runs whose cell background is the colour `fill` (a context expression)."""
    fill: str


def shaded(fill: str, *runs: str) -> Shaded:
    """A table cell's content whose background is the colour FILL (a context expression): the cell's `w:shd`,
    written in schema order by `cell` (not docxtpl's `{% cellbg %}`, which puts it first)."""
    value = Shaded(runs)
    value.fill = fill
    return value


def runs_of(value: str | tuple) -> tuple:
    """A table column's runs: a tuple of runs as given, or an attribute name of the row `r`."""
    return value if isinstance(value, tuple) else (f"{{{{ r.{value} }}}}",)


def figure(name: str) -> list:
    """A picture with its caption, or nothing: NAME is a context dict {image, caption} or empty."""
    return when(name, para("Figure", f"{{{{ {name}.image }}}}"), para("FigureCaption", f"{{{{ {name}.caption }}}}"))


def toc() -> str:
    """The table of contents: a TOC field the renderer fills with every heading (and their links) after
    rendering; its only paragraph here is replaced."""
    begin, end = field(' TOC \\o "1-2" \\h \\z \\u ')
    return para("TOCHeading", "{{ L.toc.heading }}") + para("TOC1", begin, end)


def footer_with_pages(left: str) -> str:
    """Footer runs: LEFT, a tab, then "Sivu x / y" (the PAGE and NUMPAGES fields)."""
    page_begin, page_end = field(" PAGE ", "1")
    pages_begin, pages_end = field(" NUMPAGES ", "1")
    return content(left, TAB, "{{ L.footer.page }} ", page_begin, page_end, " / ", pages_begin, pages_end)


def flatten(items) -> list[str]:
    out = []
    for item in items:
        out.extend(flatten(item) if isinstance(item, (list, tuple)) else [item])
    return out


def set_body(doc, *blocks) -> None:
    """Replace the body's content (not its section properties) with BLOCKS (XML strings, nested lists)."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    section = body.find(qn("w:sectPr"))
    for element in parse_xml(f"<w:body {W}>{''.join(flatten(blocks))}</w:body>"):
        section.addprevious(element)


def set_header_footer(doc, header: str, footer: str) -> None:
    """HEADER and FOOTER (run XML) on every page but the first; the cover page has an empty header and footer."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    for part, runs in ((section.header, header), (section.footer, footer),
                       (section.first_page_header, ""), (section.first_page_footer, "")):
        paragraph = part.paragraphs[0]._p
        paragraph.addnext(parse_xml(para(paragraph.pPr.pStyle.val, runs).replace("<w:p>", f"<w:p {W}>", 1)))
        paragraph.getparent().remove(paragraph)


# --- the whole document ----------------------------------------------------------------------------------------

def new_document(title: str):
    """python-docx's default document with the shared page setup, styles, settings and properties."""
    doc = Document()
    page_setup(doc)
    define_styles(doc)
    define_settings(doc)
    define_properties(doc, title)
    return doc


def to_bytes(doc) -> bytes:
    """The document as .docx bytes with fixed zip entry times: the same document gives the same bytes."""
    sys.path.insert(0, str(ROOT))
    from pipeline.officefiles import reproducible_zip, save_to_bytes
    return reproducible_zip(save_to_bytes(doc))

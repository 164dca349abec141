"""Finishing a rendered Word document: the table of contents stored filled in, and the pictures' alternative texts.

python-docx never computes a TOC field, and `updateFields` would make Word ask every reader whether to update the
document. So the headings of levels 1–2 get bookmarks, and the TOC field's result is written here: one entry per
heading, each a link to its bookmark with a PAGEREF field for the page number. The plain build leaves the page
numbers empty (no layout engine runs); the PDF step of the build (LibreOffice) writes them in (`set_page_numbers`).
"""
from __future__ import annotations

import copy

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from pipeline.exceptions import ConfigError

HEADING_STYLES = {"Heading1": 1, "Heading2": 2}
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STYLED = etree.XPath(".//w:p[w:pPr/w:pStyle[" + " or ".join(f"@w:val = '{name}'" for name in HEADING_STYLES)
                      + "]]", namespaces={"w": _W})
TOC_STYLES = {1: "TOC1", 2: "TOC2"}
BOOKMARK = "_Toc{:08d}"
W = nsdecls("w")


def _text(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def _style(paragraph) -> str:
    ppr = paragraph.find(qn("w:pPr"))
    pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return pstyle.get(qn("w:val")) if pstyle is not None else ""


def _toc_paragraph(body):
    for paragraph in body.iter(qn("w:p")):
        if any(" TOC " in (i.text or "") for i in paragraph.iter(qn("w:instrText"))):
            return paragraph
    raise ConfigError(code="toc_missing", file="templates/word")


def _bookmark(paragraph, name: str, number: int) -> None:
    start = parse_xml(f'<w:bookmarkStart {W} w:id="{number}" w:name="{name}"/>')
    end = parse_xml(f'<w:bookmarkEnd {W} w:id="{number}"/>')
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph.insert(0, start)
    paragraph.append(end)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _entry(level: int, text: str, bookmark: str, first: str, last: str) -> str:
    """One TOC line: FIRST/LAST are the TOC field's own begin/end runs when this is its first/last line."""
    return (f'<w:p {W}><w:pPr><w:pStyle w:val="{TOC_STYLES[level]}"/><w:tabs><w:tab w:val="right" '
            f'w:leader="dot" w:pos="9628"/></w:tabs></w:pPr>{first}'
            f'<w:hyperlink w:anchor="{bookmark}" w:history="1"><w:r><w:t xml:space="preserve">{_escape(text)}'
            '</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
            f'xml:space="preserve"> PAGEREF {bookmark} \\h </w:instrText></w:r><w:r><w:fldChar '
            'w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"></w:t></w:r><w:r><w:fldChar '
            f'w:fldCharType="end"/></w:r></w:hyperlink>{last}</w:p>')


def fill_toc(document) -> list[tuple[int, str]]:
    """Bookmark every level 1–2 heading (those before the contents too: the summary opens the document) and write
    the contents' entries; returns the (level, text) of each entry."""
    body = document.element.body
    placeholder = _toc_paragraph(body)
    runs = [r for r in placeholder.iter(qn("w:r"))]
    field_open = "".join(_xml(r) for r in runs if r.find(qn("w:fldChar")) is not None
                         and r.find(qn("w:fldChar")).get(qn("w:fldCharType")) in ("begin", "separate")
                         or r.find(qn("w:instrText")) is not None)
    field_close = "".join(_xml(r) for r in runs if r.find(qn("w:fldChar")) is not None
                          and r.find(qn("w:fldChar")).get(qn("w:fldCharType")) == "end")
    headings = []
    for paragraph in _STYLED(body):        # the paragraphs with a heading style, in order (found in C)
        level = HEADING_STYLES.get(_style(paragraph))
        if paragraph is not placeholder and level and _text(paragraph).strip():
            headings.append((level, _text(paragraph).strip(), paragraph))
    entries = []
    for n, (level, text, paragraph) in enumerate(headings, start=1):
        bookmark = BOOKMARK.format(n)
        _bookmark(paragraph, bookmark, n)
        entries.append(_entry(level, text, bookmark, field_open if n == 1 else "",
                              field_close if n == len(headings) else ""))
    for xml in reversed(entries):
        placeholder.addnext(parse_xml(xml))
    if entries:
        placeholder.getparent().remove(placeholder)
    return [(level, text) for level, text, _ in headings]


def _entry_links(document) -> list:
    return [h for h in document.element.body.iter(qn("w:hyperlink"))
            if (h.get(qn("w:anchor")) or "").startswith("_Toc")]


def entry_texts(document) -> list[str]:
    """The heading text of each stored contents entry, in order."""
    return [(link.find(qn("w:r")).findtext(qn("w:t")) or "") for link in _entry_links(document)]


def set_page_numbers(document, pages: list[str]) -> None:
    """Write PAGES (one per entry, in order) into the stored contents: a tab (with the dotted leader) and the page
    number in each entry's PAGEREF field. Entries beyond PAGES keep no number; writing again replaces the numbers."""
    for link, page in zip(_entry_links(document), pages, strict=False):
        runs = link.findall(qn("w:r"))
        begin = next(r for r in runs if r.find(qn("w:fldChar")) is not None)
        before = begin.getprevious()
        if before is None or before.find(qn("w:tab")) is None:
            begin.addprevious(parse_xml(f"<w:r {W}><w:tab/></w:r>"))
        result = next(r for r in runs if r.find(qn("w:t")) is not None and r is not runs[0])
        result.find(qn("w:t")).text = page


def _xml(element) -> str:
    return etree.tostring(copy.deepcopy(element), encoding="unicode").replace(f" {W}", "")

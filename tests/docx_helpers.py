"""Reading a Word document the way a test asserts it: blocks in reading order, headings, tables, text."""
from __future__ import annotations

import io
import weakref

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def blocks(document) -> list[Paragraph | Table]:
    out: list[Paragraph | Table] = []
    for child in document.element.body.iterchildren():
        if child.tag == f"{W}p":
            out.append(Paragraph(child, document))
        elif child.tag == f"{W}tbl":
            out.append(Table(child, document))
    return out


_STYLE_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()    # a document part → its style ids' names


def heading_level(p: Paragraph) -> int | None:
    """The paragraph's heading level by its style's name ("Heading 2" → 2), None for any other paragraph. Style names
    are looked up once per document (python-docx's `Paragraph.style` searches the styles part on every call)."""
    names = _STYLE_NAMES.get(p.part)
    if names is None:
        names = _STYLE_NAMES[p.part] = {style.style_id: style.name for style in p.part.styles}
    name = names.get(p._p.style or "") or ""
    return int(name.split()[-1]) if name.startswith("Heading ") else None


def headings(document) -> list[tuple[int, str]]:
    return [(level, b.text) for b in blocks(document)
            if isinstance(b, Paragraph) and (level := heading_level(b)) is not None]


def plain(text: str) -> str:
    """Text without the soft hyphens that help long Finnish words break in narrow columns."""
    return text.replace("\u00ad", "")


def document_text(document) -> str:
    """The body in reading order: headings marked with #, table rows as cells joined by ' | '."""
    lines = []
    for b in blocks(document):
        if isinstance(b, Table):
            lines.extend(" | ".join(c.text for c in row.cells) for row in b.rows)
        elif b.text.strip():
            level = heading_level(b)
            lines.append(f"{'#' * level} {b.text}" if level else b.text)
    section = document.sections[0]
    lines.append("[ylätunniste] " + " ".join(p.text for p in section.header.paragraphs))
    lines.append("[alatunniste] " + " ".join(p.text for p in section.footer.paragraphs))
    return plain("\n".join(lines) + "\n")


def section_after(document, title: str, level: int | None = None) -> list[Paragraph | Table]:
    """The blocks after the heading TITLE (of LEVEL, if given) up to the next heading of the same or a higher
    level."""
    items = blocks(document)
    start = next(i for i, b in enumerate(items) if isinstance(b, Paragraph) and heading_level(b) and b.text == title
                 and level in (None, heading_level(b)))
    level = heading_level(items[start]) or 0
    out = []
    for b in items[start + 1:]:
        if isinstance(b, Paragraph) and (found := heading_level(b)) and found <= level:
            break
        out.append(b)
    return out


def tables_after(document, title: str) -> list[Table]:
    return [b for b in section_after(document, title) if isinstance(b, Table)]


def table_rows(table: Table) -> list[list[str]]:
    return [[plain(c.text) for c in row.cells] for row in table.rows]


def table_dicts(table: Table) -> list[dict[str, str]]:
    rows = table_rows(table)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def cell_fill(cell) -> str | None:
    shd = cell._tc.find(f"{W}tcPr/{W}shd")
    return shd.get(f"{W}fill") if shd is not None else None

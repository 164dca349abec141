"""Page numbers into a Word plan's stored table of contents. The plain build stores the contents without page
numbers (no layout engine runs); the PDF pass gives the (heading, page) pairs LibreOffice laid out
(pipeline/build/pdf/contents.py), and each stored entry gets the page of the pair with the same heading, in order.
"""
from __future__ import annotations

import io

from docx import Document

from pipeline.formatting import shown_words
from pipeline.officefiles import package_bytes
from pipeline.render import oxml
from pipeline.render.word.toc import entry_texts, set_page_numbers


def match_pages(entries: list[str], lines: list[tuple[str, str]]) -> list[str]:
    """The page of each entry: the next line with the same heading; "" for an entry LibreOffice did not list."""
    pages, start = [], 0
    for entry in entries:
        wanted = shown_words(entry)
        found = next((n for n in range(start, len(lines)) if lines[n][0] == wanted), None)
        if found is None:
            pages.append("")
        else:
            pages.append(lines[found][1])
            start = found + 1
    return pages


def with_page_numbers(data: bytes, lines: list[tuple[str, str]]) -> bytes:
    """The .docx DATA with the page numbers of LINES ((heading, page) as LibreOffice laid them out) in its stored
    contents."""
    oxml.require()
    document = Document(io.BytesIO(data))
    entries = entry_texts(document)
    if not entries:
        return data
    set_page_numbers(document, match_pages(entries, lines))
    return package_bytes(document)

"""Page numbers from LibreOffice's layout into a Word plan's stored table of contents.

The plain build stores the contents without page numbers (no layout engine runs). The PDF pass has LibreOffice
update the contents and reads them back as "heading<TAB>page" lines; here each stored entry gets the page of the
line with the same heading (in order), so the .docx in the packages and its PDF show the same numbers.
"""
from __future__ import annotations

import io

from docx import Document

from pipeline.officefiles import reproducible_zip, save_to_bytes
from pipeline.render.word.toc import entry_texts, set_page_numbers


def _words(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def index_lines(texts: list[str]) -> list[tuple[str, str]]:
    """(heading, page) of every "heading<TAB>page" line of LibreOffice's updated indexes, in order."""
    found = []
    for text in texts:
        for line in text.splitlines():
            heading, tab, page = line.rpartition("\t")
            if tab and page.strip():
                found.append((_words(heading), page.strip()))
    return found


def match_pages(entries: list[str], lines: list[tuple[str, str]]) -> list[str]:
    """The page of each entry: the next line with the same heading; "" for an entry LibreOffice did not list."""
    pages, start = [], 0
    for entry in entries:
        wanted = _words(entry)
        found = next((n for n in range(start, len(lines)) if lines[n][0] == wanted), None)
        if found is None:
            pages.append("")
        else:
            pages.append(lines[found][1])
            start = found + 1
    return pages


def with_page_numbers(data: bytes, texts: list[str]) -> bytes:
    """The .docx DATA with the page numbers of TEXTS (LibreOffice's updated contents) in its stored contents."""
    document = Document(io.BytesIO(data))
    entries = entry_texts(document)
    if not entries:
        return data
    set_page_numbers(document, match_pages(entries, index_lines(texts)))
    return reproducible_zip(save_to_bytes(document))

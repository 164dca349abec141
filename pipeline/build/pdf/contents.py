"""Page numbers from LibreOffice's layout: the PDF pass has LibreOffice update a Word plan's contents and reads
them back as "heading<TAB>page" lines, read here into (heading, page) pairs; the Word renderer writes them into the
plan's stored contents (pipeline/render/word/paging.py), so the .docx in the packages and its PDF show the same
numbers.
"""
from __future__ import annotations

from pipeline.formatting import shown_words


def index_lines(texts: list[str]) -> list[tuple[str, str]]:
    """(heading, page) of every "heading<TAB>page" line of LibreOffice's updated indexes, in order."""
    found = []
    for text in texts:
        for line in text.splitlines():
            heading, tab, page = line.rpartition("\t")
            if tab and page.strip():
                found.append((shown_words(heading), page.strip()))
    return found

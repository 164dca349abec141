"""Page numbers from LibreOffice's updated contents into a Word plan's stored contents (no LibreOffice needed)."""
from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from pipeline.build.pdf.contents import index_lines
from pipeline.render.word.paging import match_pages, with_page_numbers
from pipeline.render.word.toc import entry_texts


def test_lines_of_the_updated_index_pair_each_heading_with_its_page():
    texts = ["Johdon yhteenveto\t3\nTilannevalot\t3\n\nTiivis\u00adtelmä\t5\nIlman numeroa\n"]
    assert index_lines(texts) == [("Johdon yhteenveto", "3"), ("Tilannevalot", "3"), ("Tiivistelmä", "5")]


def test_each_entry_gets_the_page_of_the_next_line_with_its_heading():
    lines = [("Sisällys", "2"), ("Chat", "9"), ("Palvelut", "10"), ("Chat", "12")]
    assert match_pages(["Chat", "Palvelut", "Chat", "Puuttuva"], lines) == ["9", "10", "12", ""]


def numbers(data: bytes) -> list[tuple[str, str, int]]:
    """(heading, page, tabs) of each stored contents entry."""
    document = Document(io.BytesIO(data))
    found = []
    for link in document.element.body.iter(qn("w:hyperlink")):
        if (link.get(qn("w:anchor")) or "").startswith("_Toc"):
            texts = [t.text or "" for t in link.iter(qn("w:t"))]
            found.append((texts[0], texts[-1], len(list(link.iter(qn("w:tab"))))))
    return found


def test_page_numbers_are_written_once_even_when_written_again(renders):
    data = renders.word("NAO")
    headings = entry_texts(Document(io.BytesIO(data)))
    assert len(headings) > 20 and all(page == "" for _, page, _ in numbers(data))
    index = ["\n".join(f"{heading}\t{n + 3}" for n, heading in enumerate(headings))]
    numbered = with_page_numbers(data, index_lines(index))
    assert numbers(numbered) == [(h, str(n + 3), 1) for n, h in enumerate(headings)]
    again = with_page_numbers(numbered, index_lines(["\n".join(f"{heading}\t7" for heading in headings)]))
    assert numbers(again) == [(h, "7", 1) for h in headings]
    assert with_page_numbers(data, index_lines(index)) == numbered                 # reproducible

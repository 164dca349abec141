"""A table row taller than half a page may split over pages (LibreOffice cut a kept row taller than the page at the
page's foot and lost the rest of its text from the PDF); every other row stays whole."""
from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from pipeline.render.word.line import render_word_plan
from pipeline.samples import load_sample
from pipeline.schema import Term


def rows(data: bytes) -> list[tuple[str, bool]]:
    """(text, kept whole) of every table body row."""
    found = []
    for row in Document(io.BytesIO(data)).element.body.iter(qn("w:tr")):
        properties = row.find(qn("w:trPr"))
        if properties is not None and properties.find(qn("w:tblHeader")) is not None:
            continue
        text = "".join(t.text or "" for t in row.iter(qn("w:t")))
        found.append((text, properties is not None and properties.find(qn("w:cantSplit")) is not None))
    return found


def test_a_glossary_note_of_two_hundred_lines_may_split_and_the_short_rows_stay_whole(ctx):
    plan = load_sample("NAO")
    plan.terms = [Term(professional="Termi", customer="Sana", notes="Rivi\n" * 200 + "TERMIMERKKI"),
                  Term(professional="Lyhyt", customer="Sana", notes="Yksi rivi.")]
    found = rows(render_word_plan(plan, ctx))
    tall = [kept for text, kept in found if "TERMIMERKKI" in text]
    assert tall == [False]
    assert [kept for text, kept in found if text.startswith("Lyhyt")] == [True]
    assert sum(kept for _, kept in found) >= 20          # the sample's other rows: kept whole, as before


def test_no_row_of_a_sample_plan_is_let_split(ctx):
    found = rows(render_word_plan(load_sample("SP"), ctx))         # SP: the samples' tallest row, about 15 lines
    assert len(found) > 20 and all(kept for _, kept in found)

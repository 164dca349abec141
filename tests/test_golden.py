"""Golden texts: the text a reader sees in a line deck (NAO), an area plan (IKA), the county plan and deck and the
county workbook (cell values sheet by sheet), compared with the files in tests/golden/. Text, not bytes: a change of
wording, order or figure shows as a readable diff. After an intended change, run the tests once with
DIGIPLAN_UPDATE_GOLDEN=1 and review the diff before committing it."""
from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from docx_helpers import document_text, open_docx
from pptx import Presentation
from pptx.shapes.group import GroupShape

GOLDEN = Path(__file__).parent / "golden"


def shape_lines(shape) -> list[str]:
    """A shape's text: its paragraphs, a table's rows as cells joined by ' | ', a chart's title and categories."""
    if isinstance(shape, GroupShape):
        return [line for inner in shape.shapes for line in shape_lines(inner)]
    if shape.has_text_frame:
        return [p.text if p.text.strip() else "" for p in shape.text_frame.paragraphs if p.text.strip()]
    if getattr(shape, "has_table", False) and shape.has_table:
        return [" | ".join(c.text.replace("\n", " / ") for c in row.cells) for row in shape.table.rows]
    if getattr(shape, "has_chart", False) and shape.has_chart:
        chart = shape.chart
        title = chart.chart_title.text_frame.text if chart.has_title else ""
        series = [f"{s.name}: {list(s.values)}" for plot in chart.plots for s in plot.series]
        return [f"[kaavio] {title}", f"[luokat] {list(chart.plots[0].categories)}" if chart.plots else "", *series]
    return []


def deck_text(data: bytes) -> str:
    """Slide by slide: the title marked with #, every shape's text in the slide's order, then the speaker notes."""
    lines = []
    for number, slide in enumerate(Presentation(io.BytesIO(data)).slides, start=1):
        title = slide.shapes.title
        lines.append(f"# {number}. {title.text_frame.text if title is not None else ''}")
        for shape in slide.shapes:
            if title is None or shape.shape_id != title.shape_id:
                lines.extend(line for line in shape_lines(shape) if line)
        if slide.has_notes_slide:
            lines.append("[puhujan muistiinpanot] " + slide.notes_slide.notes_text_frame.text.replace("\n", " / "))
    return "\n".join(lines) + "\n"


def cell_text(value) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    return "" if value is None else str(value).replace("\n", " / ")


def workbook_text(data: bytes) -> str:
    """Sheet by sheet: each non-empty row as its number and its cells' values joined by ' | '."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    lines = []
    for sheet in book.worksheets:
        lines.append(f"# {sheet.title}")
        for row in sheet.iter_rows():
            cells = [cell_text(c.value) for c in row]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                lines.append(f"{row[0].row}: " + " | ".join(cells))
    return "\n".join(lines) + "\n"


def word_text(data: bytes) -> str:
    return document_text(open_docx(data))


CASES: dict[str, Callable] = {
    "word_NAO": lambda r: word_text(r.word("NAO")),
    "deck_NAO": lambda r: deck_text(r.deck("NAO")),
    "area_plan_IKA": lambda r: word_text(r.area_plan("IKA")),
    "county_plan": lambda r: word_text(r.county_plan()),
    "county_deck": lambda r: deck_text(r.county_deck()),
    "county_workbook": lambda r: workbook_text(r.county()),
}


@pytest.mark.parametrize("name", CASES)
def test_golden_text(name, renders):
    text = CASES[name](renders)
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("DIGIPLAN_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), "run with DIGIPLAN_UPDATE_GOLDEN=1 once to create the golden file"
    assert text == golden.read_text(encoding="utf-8")


def test_the_texts_hold_what_a_reader_sees(renders):
    """The extractors miss nothing a golden text should hold: slide titles, tables, notes and every sheet."""
    deck = deck_text(renders.county_deck())
    assert "# 2. Tilanne yhdellä silmäyksellä" in deck and "# 3. Tilannekuva" in deck
    assert "Palvelualue | Kelvollisia" in deck and "[puhujan muistiinpanot] " in deck
    sheets = openpyxl.load_workbook(io.BytesIO(renders.county())).sheetnames
    assert [line[2:] for line in workbook_text(renders.county()).splitlines() if line.startswith("# ")] == sheets

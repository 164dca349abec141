"""Every money amount a Word plan's table shows is written by the one money formatter (pipeline/words.py,
Words.money): digits grouped by no-break spaces and a no-break space before the euro sign ('0 €', '48 000 €'),
never '0€' or a plain space that a line break can split (issue 20's money table)."""
from __future__ import annotations

import re

import pytest
from docx_helpers import open_docx

NBSP = "\u00a0"
AMOUNT = re.compile(r"[\d\s\u00a0.,]*\d[\s\u00a0]*€")                       # a cell that is an amount and nothing else
WELL_FORMED = re.compile(r"\d{1,3}(\u00a0\d{3})*\u00a0€")


def amounts(data: bytes) -> list[str]:
    document = open_docx(data)
    cells = [c.text.strip() for t in document.tables for r in t.rows for c in r.cells]
    return [c for c in cells if AMOUNT.fullmatch(c)]


def test_the_pattern_tells_well_formed_amounts_from_glued_ones():
    assert WELL_FORMED.fullmatch(f"0{NBSP}€") and WELL_FORMED.fullmatch(f"48{NBSP}000{NBSP}€")
    assert not WELL_FORMED.fullmatch("0€") and not WELL_FORMED.fullmatch("48 000 €")
    assert AMOUNT.fullmatch("0€") and AMOUNT.fullmatch("48 000 €") and not AMOUNT.fullmatch("Säästö (€)")


@pytest.mark.parametrize("kind", ["line", "area", "county"])
def test_money_cells_have_a_no_break_space_before_the_euro(kind, renders, ctx):
    if kind == "line":
        documents = {code: renders.word(code) for code in ("NAO", "KAT", "AP", "SP")}
    elif kind == "area":
        documents = {a.code: renders.area_plan(a.code) for a in ctx.reference.organisation.areas}
    else:
        documents = {"county": renders.county_plan()}
    found = {code: amounts(data) for code, data in documents.items()}
    assert any(found.values())                                          # the plans' money tables are read
    if kind != "line":                                                  # NAO's other saving is none: '0 €'
        assert f"0{NBSP}€" in found["IKA" if kind == "area" else "county"]
    bad = {code: [a for a in cells if not WELL_FORMED.fullmatch(a)] for code, cells in found.items()}
    assert not any(bad.values()), bad

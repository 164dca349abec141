"""The Word plans as a reader pages through them (LibreOffice's PDF, shared through tests/renders.py): no page but
the cover and the last under a quarter full, and no table header word cut inside it (a header hyphenates only where
the catalogue put a soft hyphen, at a syllable boundary)."""
from __future__ import annotations

import html
import re
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from pdf_helpers import pdf_pages
from renders import PDF_AREAS, PDF_SAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PUNCT = "()[],.:;¹²³*\"”'"
QUARTER = 0.25
MARGINS = 0.08          # of the page's height: the header and footer bands, left out of the measure


def filled(page) -> float:
    """How much of the page's text band its words span, top to bottom (a chart's labels count as words)."""
    body = [w for w in page.words if MARGINS * page.height < w[1] < (1 - MARGINS) * page.height]
    if not body:
        return 0.0
    return (max(w[3] for w in body) - min(w[1] for w in body)) / ((1 - 2 * MARGINS) * page.height)


def sparse_pages(pdf: Path) -> list[tuple[int, float]]:
    pages = pdf_pages(pdf)
    return [(n, round(filled(page), 2)) for n, page in enumerate(pages, 1)
            if 1 < n < len(pages) and filled(page) < QUARTER]


@pytest.mark.xdist_group("libreoffice-plans")          # one worker converts the shared plans (tests/renders.py)
@pytest.mark.office
@pytest.mark.parametrize("code", PDF_SAMPLES)
def test_line_plan_pages_are_at_least_a_quarter_full(code, renders):
    assert sparse_pages(renders.pdfs("word")[code]) == [], code


@pytest.mark.xdist_group("libreoffice-plans")          # one worker converts the shared plans (tests/renders.py)
@pytest.mark.office
def test_area_and_county_plan_pages_are_at_least_a_quarter_full(renders):
    pdfs = renders.pdfs("area_county_plans")            # every area in CI, PDF_AREAS locally (tests/renders.py)
    assert {*PDF_AREAS, "county"} <= set(pdfs)
    assert {name: sparse_pages(pdf) for name, pdf in pdfs.items()} == {name: [] for name in pdfs}


def header_words(data: bytes) -> set[str]:
    """The words of every table's first (header) row."""
    words = set()
    for tbl in Document(BytesIO(data)).element.body.iter(f"{W}tbl"):
        rows = tbl.findall(f"{W}tr")
        for tc in rows[0].findall(f"{W}tc") if rows else []:
            text = "".join(t.text or "" for t in tc.iter(f"{W}t")).replace("\u00ad", "")
            words |= {w.strip(PUNCT) for w in text.split() if len(w.strip(PUNCT)) > 1}
    return words


def pdf_tokens(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8", errors="replace")
    return [html.unescape(t).strip(PUNCT) for t in re.findall(r"<word [^>]*>([^<]*)</word>", out)]


def cuts(words: set[str], tokens: list[str]) -> list[tuple[str, str]]:
    """Of WORDS, those TOKENS show as two pieces with no hyphen between them ("resurssita" "rve", "NA" "O")."""
    return sorted({(a, b) for a, b in zip(tokens, tokens[1:], strict=False)
                   if a + b in words and a not in words and not a.endswith("-")})


def cut_words(data: bytes, pdf: Path) -> list[tuple[str, str]]:
    return cuts(header_words(data), pdf_tokens(pdf))


@pytest.mark.xdist_group("libreoffice-plans")          # one worker converts the shared plans (tests/renders.py)
@pytest.mark.office
def test_no_table_header_word_is_cut_inside(renders):
    line = renders.pdfs("word")
    combined = renders.pdfs("area_county_plans")
    found = {code: cut_words(renders.word(code), line[code]) for code in PDF_SAMPLES}
    found |= {name: cut_words(renders.county_plan() if name == "county" else renders.area_plan(name),
                              pdf) for name, pdf in combined.items()}
    assert {k: v for k, v in found.items() if v} == {}


def test_the_cut_detector_sees_a_cut():
    """A header word shown in two pieces is found; a whole one or one hyphenated at a soft hyphen is not."""
    words = {"resurssitarve", "NAO", "Vastuuhenkilö"}
    tokens = ["Uusi", "resurssita", "rve", "(htv)", "NA", "O", "Vastuu-", "henkilö", "NAO"]
    assert cuts(words, tokens) == [("NA", "O"), ("resurssita", "rve")]


def test_a_timeline_shows_a_channel_whole_or_names_it_left_out(renders):
    """AVO's roadmap has more lanes than the slide holds: the channels it leaves out are named under it, and a
    channel whose label is on the slide is not among them (it was cut after its first row, read by hand)."""
    from pptx import Presentation
    slide = next(s for s in Presentation(BytesIO(renders.deck("AVO"))).slides
                 if s.shapes.title is not None and s.shapes.title.text == "Tiekartta")
    texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame and sh != slide.shapes.title]
    note = next(t for t in texts if "ei mahdu kuvaan" in t)
    assert note.startswith("+ kolme palvelua (Konsultaatiot, Terveys- ja hyvinvointitiedot) ei mahdu kuvaan.")
    assert "Konsultaatiot" not in texts and "Videotapaamiset" in texts

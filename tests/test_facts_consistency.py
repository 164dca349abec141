"""One set of facts (issue 19): every document — each line's Word plan and deck, the area and county plans and
decks, the county workbook — in Finnish and in Swedish states the samples' shared facts alike, and as the hand-made
table tests/data/facts.toml counts them (from input_workbooks/ by hand, checked with tests/data/count_facts.py,
which reads the workbooks with openpyxl and does not import `pipeline`).

The Finnish documents are rendered from the sample files; the Swedish ones from the sample *workbooks* read by a
Swedish run, so the Swedish side also checks that a workbook reads into the same facts in either language. The
expected texts are the catalogue's sentences filled with the table's numbers, never a view's computation."""
from __future__ import annotations

import io
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from docx_helpers import document_text, open_docx, table_dicts, tables_after
from opening_helpers import opening_asks
from openpyxl import load_workbook
from pptx import Presentation
from renders import STRESS, Renders

from pipeline.catalog import Labels
from pipeline.formatting import fi_number
from pipeline.samples import sample_codes

ROOT = Path(__file__).resolve().parents[1]
FACTS = tomllib.loads((ROOT / "tests" / "data" / "facts.toml").read_text(encoding="utf-8"))
SERVICES, PENDING, STAFFING = FACTS["services"], FACTS["pending"], FACTS["staffing"]
LANGUAGES = ("fi", "sv")
LINES = sample_codes()
AREAS = tuple(PENDING["areas"])


@pytest.fixture(scope="module")
def docs(renders, sv_renders) -> dict[str, Renders]:
    """The Finnish renders and the Swedish ones of the sample workbooks read by a Swedish run (both shared)."""
    return {"fi": renders, "sv": sv_renders}


def htv(value: float) -> str:
    return fi_number(value)


def deck(data: bytes):
    return Presentation(io.BytesIO(data))


def notes(prs) -> str:
    return "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide)


def slide_texts(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def elsewhere_items(counts: dict[str, int], own: str, labels: Labels) -> list[str]:
    """The catalogue's words for the pending decisions asked at the levels other than OWN, from the table."""
    levels = labels.node("common.asked.levels")
    out = []
    for level in ("line", "area", "county"):
        count, late = counts.get(level, 0), counts.get(f"{level}_late", 0)
        if level != own and count:
            out.append(labels.get("common.asked.item_late" if late else "common.asked.item", count=count, late=late,
                                  where=levels[level]))
    return out


# --- the county workbook: services per channel and wave, staffing ---------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_county_workbook_services_and_staffing(language, docs):
    r = docs[language]
    labels, reference = r.ctx.labels, r.ctx.reference
    book = load_workbook(io.BytesIO(r.county()))
    ws = book[labels.get("county.sheets.services")]
    ref = ws.tables["Services"].ref
    rows = [[c.value for c in row] for row in ws[ref]]
    channel = rows[0].index(labels.get("county.services.headers.channel"))
    by_name = Counter(row[channel] for row in rows[1:] if any(v is not None for v in row))
    assert {code: by_name[reference.channel_name(code)] for code in SERVICES["county_channels"]} == \
        SERVICES["county_channels"]
    assert sum(by_name.values()) == SERVICES["county"] == 79
    ws = book[labels.get("county.sheets.resources")]
    ref = ws.tables["ResourceAreas"].ref
    header = [c.value for c in ws[ref][0]]
    last = ws[ref][-1][0].row + 1                       # the county's total row below the table
    total = {key: ws.cell(last, ws[ref][0][0].column + header.index(
        labels.get(f"county.resources.total_headers.{key}"))).value for key in STAFFING["county"]}
    assert total == STAFFING["county"]
    assert ws.cell(last, ws[ref][0][0].column).value == labels.get("county.summary.county")


ASKED_NOTES = {"fi": re.compile(r"Palvelualueen johdolta pyydetään (\d+|\w+) päätö"),
               "sv": re.compile(r"Av serviceområdets ledning begärs (\d+|\w+) beslut")}
SHOWN_ASKS = 2          # the opening slide shows two asks; the decisions slide only the rest
# counts in running text are words under ten (Finnish) and up to twelve (Swedish), written here by hand
WORDS = {"yksi": 1, "yhden": 1, "kaksi": 2, "kahden": 2, "kolme": 3, "kolmen": 3, "neljä": 4, "neljän": 4,
         "viisi": 5, "viiden": 5, "kuusi": 6, "seitsemän": 7, "kahdeksan": 8, "yhdeksän": 9,
         "Ett": 1, "ett": 1, "en": 1, "Två": 2, "två": 2, "Tre": 3, "tre": 3, "Fyra": 4, "fyra": 4, "Fem": 5,
         "fem": 5, "Sex": 6, "sex": 6, "Sju": 7, "sju": 7, "Åtta": 8, "åtta": 8, "Nio": 9, "nio": 9, "Tio": 10,
         "tio": 10, "Elva": 11, "elva": 11, "Tolv": 12, "tolv": 12}


def counted(text: str) -> int:
    return WORDS.get(text) or int(text)


def asks_counted(labels, level: str, count: int) -> str:
    """The opening slide's count of the asks of LEVEL (said there once, not again on the overview slide)."""
    return labels.get(f"overview.opening.asks.{level}", count=count).rstrip(".")


# --- area and county: decisions asked per level, staffing ------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_area_and_county_decks_ask_their_level_and_agree_slide_to_slide(language, docs):
    r = docs[language]
    labels = r.ctx.labels
    for code in AREAS:
        prs = deck(r.area_deck(code))
        counts = PENDING["areas"][code]
        counted_asks = asks_counted(labels, "area", counts.get("area", 0))
        assert counted_asks in slide_texts(prs.slides[1]), (language, code)
        assert counted_asks not in slide_texts(prs.slides[2]), (language, code)
        text = notes(prs)
        titles = [s.shapes.title.text_frame.text for s in prs.slides if s.shapes.title]
        # the decisions slide only when the opening slide cannot show every ask, and it shows only the rest
        rest = [s for s in prs.slides if s.shapes.title and
                s.shapes.title.text_frame.text == labels.get("deck.combined.decisions_title")]
        assert len(rest) == (counts.get("area", 0) > SHOWN_ASKS), (language, code, titles)
        if counts.get("area"):                  # the opening's talk counts what the overview counts (issue 19)
            asked = [WORDS.get(n) or int(n) for n in ASKED_NOTES[language].findall(text)]
            assert asked == [counts["area"]], (language, code)
        for item in elsewhere_items(counts, "area", labels):
            assert item in text, (language, code, item)
    prs = deck(r.county_deck())
    county = PENDING["county"]
    assert asks_counted(labels, "county", county["county"]) in slide_texts(prs.slides[1])
    assert asks_counted(labels, "county", county["county"]) not in slide_texts(prs.slides[2])
    text = notes(prs)
    for item in elsewhere_items(county, "county", labels):
        assert item in text, (language, item)
    staffing = STAFFING["county"]
    assert labels.get("common.staffing.new_need", fte=htv(staffing["new_need"]),
                      unfunded=htv(staffing["unfunded"])) in text
    assert labels.get("common.staffing.transfers", fte=htv(staffing["transfers"])) in text
    assert labels.get("common.staffing.rejected", fte=htv(staffing["rejected"])) in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_area_and_county_plans_read_the_same(language, docs):
    r = docs[language]
    labels = r.ctx.labels
    for code in AREAS:
        document = open_docx(r.area_plan(code))
        counts = PENDING["areas"][code]
        asked = len(opening_asks(document, labels.get("overview.opening.heading")))
        assert asked == counts.get("area", 0), (language, code)
        text = document_text(document)
        for item in elsewhere_items(counts, "area", labels):
            assert item in text, (language, code, item)
        staffing = STAFFING["areas"][code]
        assert labels.get("common.staffing.new_need", fte=htv(staffing["new_need"]),
                          unfunded=htv(staffing.get("unfunded", 0))) in text, (language, code)
    document = open_docx(r.county_plan())
    text = document_text(document)
    county, staffing = PENDING["county"], STAFFING["county"]
    assert len(opening_asks(document, labels.get("overview.opening.heading"))) == county["county"], language
    assert labels.get("word.combined.figure_fte", fte=htv(staffing["new_need"]),
                      unfunded=htv(staffing["unfunded"])) in text
    for item in elsewhere_items(county, "county", labels):
        assert item in text, (language, item)


# --- each line: services per wave, decisions asked elsewhere, staffing ----------------------------------------------

WAVE_NOTES = {"fi": re.compile(r"(\d)\. aallossa otamme käyttöön (\d+|\w+) palvelu"),
              "sv": re.compile(r"I våg (\d) tar vi i bruk (\d+|\w+) tjänst")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_line_documents_read_the_same(language, docs):
    r = docs[language]
    labels = r.ctx.labels
    for code in LINES:
        waves = SERVICES["waves"][code]
        prs = deck(r.deck(code))
        text = notes(prs)
        for wave, count in WAVE_NOTES[language].findall(text):
            assert counted(count) == waves[int(wave) - 1], (language, code, wave)
        staffing, counts = STAFFING["lines"][code], PENDING["lines"][code]
        need = staffing.get("new_need", 0)           # no new need is said in words (KOH), never '0 htv'
        said = labels.get("deck.money.fte", value=htv(need)) if need else labels.get("deck.money.fte_none")
        assert said in "\n".join(slide_texts(s) for s in prs.slides), (language, code)
        document = open_docx(r.word(code))
        word = document_text(document)
        for item in elsewhere_items(counts, "line", labels):
            assert item in word and item in text, (language, code, item)
        need = staffing.get("new_need", 0)
        [money] = table_dicts(tables_after(document, labels.get("word.decision.money"))[0])
        assert money[labels.get("word.decision.new_fte")] == (
            labels.get("common.fte", value=htv(need)) if need else labels.get("word.decision.none_needed"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_stress_line_documents_count_every_service(language, docs):
    """The hostile 30-service line: its deck's wave notes and its Word plan's channel chapters count every service,
    as the table counts them by hand."""
    r = docs[language]
    stress = SERVICES["stress"]
    found = WAVE_NOTES[language].findall(notes(deck(r.deck(STRESS))))
    assert [(int(wave), counted(count)) for wave, count in found] == [(n + 1, c)
                                                                      for n, c in enumerate(stress["waves"])]
    word = document_text(open_docx(r.word(STRESS)))
    named = set(re.findall(r"palvelu (\d+)\b", word))          # every service's name ends "palvelu N"
    assert named == {str(n) for n in range(1, 31)}, (language, sorted(named, key=int))
    for code in stress["channels"]:                                # each channel used has its chapter
        assert r.ctx.reference.channel_name(code) in word, (language, code)
    assert sum(stress["channels"].values()) == sum(stress["waves"]) == 30


def test_vam_wave_1_has_four_services_in_both_languages(docs):
    """The Swedish VAM deck said "I våg 1 tar vi i bruk 3 tjänster" where the Finnish says 4 (Chat lost)."""
    for language in LANGUAGES:
        found = WAVE_NOTES[language].findall(notes(deck(docs[language].deck("VAM"))))
        assert (1, 4) in [(int(wave), counted(count)) for wave, count in found], (language, found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_area_and_county_plans_sentences_start_in_capitals(language, docs):
    """No body paragraph starts with a lower-case letter (a count spelled at a sentence's start: 'Fyra system …')."""
    r = docs[language]
    for name, data in [*((code, r.area_plan(code)) for code in AREAS), ("county", r.county_plan())]:
        low = [p.text[:60] for p in open_docx(data).paragraphs if p.text.strip()[:1].islower()]
        assert low == [], (language, name, low)

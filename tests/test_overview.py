"""The whole picture in the combined documents: the risk section of the area and county plans and decks (every
risk scored 15 or more across their lines, highest first, with owner and mitigation, a missing mitigation flagged),
no two Word tables glued together, and a deck table that leaves rows out naming the plan's file and a real chapter."""
from __future__ import annotations

import re
import zipfile
from io import BytesIO

import pytest
from docx.table import Table
from docx_helpers import cell_fill, headings, open_docx, section_after, table_rows
from lxml import etree
from pptx import Presentation

from pipeline.render.deck.combined import CombinedStory
from pipeline.render.deck.specs import Table as SlideTable

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# The samples' risks scored 15 or more (likelihood × impact), read by hand from templates/samples/*.toml:
# line, score, owner, mitigation (the "seven risks ≥ 15, KOH's archiving risk without mitigation").
COUNTY_RISKS = [
    ["ASI", "16", "Jarmo Lehtonen", "Seuranta tiekartassa."],
    ["AVO", "16", "Karoliina Eklund", "Aukioloajat ja jonon seuranta."],
    ["KOH", "16", "Tomi Andersson", "Ei hallintakeinoa"],
    ["SP", "16", "Sanna Laine", "Nykyinen palvelu jatkuu, kunnes integraatio on valmis."],
    ["AVO", "15", "Janne Huovinen", "Rinnakkaiskäyttö suunniteltu."],
    ["KOH", "15", "Pia Hämäläinen", "Näkyvä ohje 112 ja sosiaalipäivystykseen."],
    ["VAM", "15", "Hannele Kurki", "Auditointi ennen julkaisua."],
]


def risk_rows(data: bytes, heading: str) -> tuple[list[str], list[list[str]], list]:
    document = open_docx(data)
    section = section_after(document, heading, level=1)
    texts = [b.text for b in section if not isinstance(b, Table)]
    tables = [b for b in section if isinstance(b, Table)]
    if not tables:
        return texts, [], []
    rows = table_rows(tables[0])
    return texts, [[r[0], r[2], r[3], r[4]] for r in rows[1:]], [row.cells for row in tables[0].rows[1:]]


def test_county_plan_lists_every_high_risk_by_score_with_owner_and_mitigation(renders, labels):
    texts, rows, cells = risk_rows(renders.county_plan(), labels.get("overview.risks.heading"))
    assert rows == COUNTY_RISKS
    assert texts[0] == ("Linjojen suunnitelmissa on seitsemän korkeaa riskiä (vähintään 15 pistettä), suurin ensin. "
                        "Yhdelle niistä ei ole kirjattu hallintakeinoa: ne on merkitty taulukkoon.")
    koh = cells[2]
    assert cell_fill(koh[4]) == cell_fill(koh[4]) and cell_fill(koh[4]) not in (None, "FFFFFF")   # flagged
    assert cell_fill(cells[0][4]) == "FFFFFF"


@pytest.mark.parametrize(("area", "expected"), [
    ("VAM", [["VAM", "15", "Hannele Kurki", "Auditointi ennen julkaisua."]]),
    ("LNP", [["KOH", "16", "Tomi Andersson", "Ei hallintakeinoa"],
             ["KOH", "15", "Pia Hämäläinen", "Näkyvä ohje 112 ja sosiaalipäivystykseen."]]),
])
def test_area_plan_lists_its_own_lines_high_risks(area, expected, renders, labels):
    _, rows, _ = risk_rows(renders.area_plan(area), labels.get("overview.risks.heading"))
    assert rows == expected


def test_county_deck_has_a_risk_slide_whose_notes_say_the_talk(renders, labels):
    deck = Presentation(BytesIO(renders.county_deck()))
    slide = next(s for s in deck.slides if s.shapes.title.text_frame.text == "Korkeat riskit")
    table = next(s for s in slide.shapes if s.has_table).table
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Linja", "Riski", "Pisteet", "Vastuuhenkilö", "Hallintakeino"]
    assert [[r[0], r[2], r[3], r[4]] for r in rows[1:]] == COUNTY_RISKS
    notes = slide.notes_slide.notes_text_frame.text
    assert notes.startswith("Linjojen suunnitelmissa on seitsemän korkeaa riskiä. Suurin on ASI:n riski")
    assert "Yksi riskeistä on ilman kirjattua hallintakeinoa: KOH." in notes


def adjacent_tables(data: bytes) -> int:
    body = etree.fromstring(zipfile.ZipFile(BytesIO(data)).read("word/document.xml"))
    return sum(1 for table in body.iter(f"{W}tbl")
               if (after := table.getnext()) is not None and after.tag == f"{W}tbl")


def test_no_two_word_tables_are_glued_together(renders):
    documents = {"county": renders.county_plan(),
                 **{code: renders.area_plan(code) for code in ("IKA", "YST", "LNP", "VAM", "KOPA")},
                 **{f"line {code}": renders.word(code) for code in renders.codes}}
    assert {name: adjacent_tables(data) for name, data in documents.items() if adjacent_tables(data)} == {}
    county = open_docx(documents["county"])
    shared = section_after(county, labels_h(county, "Linjojen väliset riippuvuudet"), level=1)
    # the systems several lines leave are named once here and pointed to the exits chapter, whose table lists them
    # with their lines (not a second table of them here)
    texts = [b.text for b in shared if not isinstance(b, Table)]
    assert any(t.startswith("Järjestelmiä, joista useampi linja luopuu, on ") and
               t.endswith("Niiden linjat, alasajo ja sen este ovat luvussa ”Vanhojen järjestelmien alasajo”.")
               for t in texts), texts
    assert labels_h(county, "Vanhojen järjestelmien alasajo")
    assert not [t for t in shared if isinstance(t, Table) and t.rows[0].cells[0].text == "Järjestelmä"]


def labels_h(document, title: str) -> str:
    assert any(text == title for _, text in headings(document))
    return title


def test_a_cut_deck_table_names_the_plans_file_and_a_real_chapter(renders, ctx):
    areas, county = renders.scopes()
    plan_headings = {text for _, text in headings(open_docx(renders.county_plan()))}
    specs = [s for s in CombinedStory(county, ctx, areas).slides() if isinstance(s, SlideTable)]
    assert len(specs) >= 6
    for spec in specs:
        assert spec.more.startswith("Koko luettelo: LUVN-yhteinen-kayttoonottosuunnitelma.docx, luku ”"), spec.title
        chapter = spec.more.split("”")[1]
        assert chapter in plan_headings, (spec.title, chapter)
    vam = next(a for a in areas if a.code == "VAM")
    area_headings = {text for _, text in headings(open_docx(renders.area_plan("VAM")))}
    for spec in (s for s in CombinedStory(vam, ctx, None).slides() if isinstance(s, SlideTable)):
        assert spec.more.startswith("Koko luettelo: VAM-palvelualueen-kayttoonottosuunnitelma.docx, luku ”")
        assert spec.more.split("”")[1] in area_headings, spec.title


# Words that open an instruction to the presenter ("Kerro, mitä …") rather than a sentence the presenter says.
INSTRUCTIONS = re.compile(r"^(Kerro|Käy läpi|Korosta|Kysy|Pyydä|Sovi|Muista|Esitä)\b")
ZERO_WORDING = re.compile(r"\b(?:on|myöhässä|korkeita|Linjoista) 0\b|: –\.")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def all_decks(renders) -> dict[str, bytes]:
    return {"county": renders.county_deck(),
            **{f"area {code}": renders.area_deck(code) for code in ("IKA", "YST", "LNP", "VAM", "KOPA")},
            **{f"line {code}": renders.deck(code) for code in renders.codes}}


def test_notes_are_the_talk_never_an_instruction_nor_a_zero_in_figures(renders):
    found = []
    for name, data in all_decks(renders).items():
        for number, slide in enumerate(Presentation(BytesIO(data)).slides, 1):
            notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
            found += [(name, number, s) for s in sentences(notes) if INSTRUCTIONS.match(s)
                      or re.search(r"[;:] (kerro|pyydä|sovi|kysy)\b", s)]
            found += [(name, number, m.group(0)) for m in ZERO_WORDING.finditer(notes)]
    assert found == []


def test_county_deck_opens_as_a_status_picture_with_executive_status_words(renders):
    deck = Presentation(BytesIO(renders.county_deck()))
    title = deck.slides[0]
    texts = " ".join(s.text_frame.text for s in title.shapes if s.has_text_frame)
    assert title.shapes.title.text_frame.text == "Digiasioinnin käyttöönoton tilannekuva"
    assert "HVA:n" not in texts and "käyttöönottosuunnitelma" not in texts
    notes = title.notes_slide.notes_text_frame.text
    assert notes.startswith("Länsi-Uudenmaan hyvinvointialue: 15 palvelulinjan digiasioinnin käyttöönotto")
    opening = " ".join(s.text_frame.text for s in deck.slides[1].shapes if s.has_text_frame)
    assert "linjoista aikataulussa 2 · riskissä 10 · myöhässä 3" in " ".join(opening.split())
    glance = " ".join(s.text_frame.text for s in deck.slides[2].shapes if s.has_text_frame)
    assert " · riskissä " not in glance                       # the schedule is said once, on the opening slide
    assert "täydelli" not in glance.lower() and "täyttöaste" not in glance.lower()


def test_unestimated_costs_are_said_on_the_money_slide_not_only_in_the_notes(renders):
    deck = Presentation(BytesIO(renders.county_deck()))
    slide = next(s for s in deck.slides if s.shapes.title.text_frame.text == "Resurssit ja kustannukset")
    table = next(s for s in slide.shapes if s.has_table).table
    last = [c.text for c in table.rows[len(table.rows) - 1].cells]
    assert last[0].startswith("Ei arvioitu: ")
    assert sorted(last[0].removeprefix("Ei arvioitu: ").split(", ")) == ["AP", "ASO", "ERIT", "KOH"]
    assert "Neljä linjaa ei ole vielä arvioinut kustannuksiaan" in slide.notes_slide.notes_text_frame.text


def test_county_golives_slide_shows_the_whole_roadmap_period_once_per_quarter(renders):
    deck = Presentation(BytesIO(renders.county_deck()))
    slide = next(s for s in deck.slides if s.shapes.title.text_frame.text == "Käyttöönotot vuosineljänneksittäin")
    table = next(s for s in slide.shapes if s.has_table).table
    rows = [[c.text for c in row.cells] for row in table.rows]
    # the samples' go-lives run from Q2/2027 to Q2/2028 (target dates in templates/samples/*.toml)
    assert [r[0] for r in rows] == ["Neljännes", "Q2/2027", "Q3/2027", "Q4/2027", "Q1/2028", "Q2/2028"]
    assert rows[-1][1:] == ["Terveys- ja hyvinvointitiedot 1", "AVO"]
    assert not any("…" in cell for row in rows for cell in row)


def test_exit_chart_is_described_in_the_unit_of_its_bars(renders):
    body = etree.fromstring(zipfile.ZipFile(BytesIO(renders.county_plan())).read("word/document.xml"))
    described = [e.get("descr") for e in body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    exits = [d for d in described if d and d.startswith("Pylväskaavio")]
    assert len(exits) == 1 and "pylvään korkeus ja luku ovat" in exits[0] and "euroina" in exits[0]


@pytest.mark.xdist_group("libreoffice-plans")          # one worker converts the shared plans (tests/renders.py)
@pytest.mark.office
def test_readiness_matrix_headers_keep_each_line_code_whole(renders, ctx):
    """The county plan's readiness matrix has a narrow column per line: its code is never broken ("NA" / "O")."""
    import subprocess

    pdf = renders.pdfs("area_county_plans")["county"]
    words = set(subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True,
                               text=True).stdout.split())
    codes = [code for code in ctx.reference.line_codes if len(code) >= 3]
    broken = {code: code[:k] for code in codes for k in range(2, len(code)) if code[:k] in words}
    assert broken == {}
    assert {"NAO", "VAM", "ERIT", "KOH"} <= words


def test_an_area_plans_line_page_points_to_the_lines_own_plan_not_the_intake(renders):
    document = open_docx(renders.area_plan("IKA"))
    subtitles = [p.text for p in document.paragraphs if "Koko suunnitelma:" in p.text]
    assert len(subtitles) == 4                                   # IKA's four lines: NAO, KAT, AP, SP
    nao = next(s for s in subtitles if "NAO-" in s)
    assert nao.endswith("Koko suunnitelma: NAO-kayttoonottosuunnitelma.docx; esitys: NAO-muutoksen-tarina.pptx.")
    assert not any("tietopohja" in s or "Täyttöaste" in s for s in subtitles)

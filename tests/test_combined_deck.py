"""The area and county decks read against the samples: the headline figures, every line named, the decisions,
the money by line (area) or by area (county) with its total, the dependencies between lines, an invalid and a
missing line named, and every slide whole in LibreOffice."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from conftest import AS_OF
from pdf_helpers import pdf_pages
from pptx import Presentation
from pptx.oxml.ns import qn
from renders import valid_result

from pipeline.intake.completeness import completeness
from pipeline.intake.result import IntakeResult, Problem, Severity
from pipeline.render.deck.combined import render_area_deck, render_county_deck
from pipeline.view.county import collect_lines
from pipeline.view.scope import area_scopes, county_scope

RAW = re.compile(r"\b(None|waiting|keep_partly|not_started|blocked|scheduled)\b")


def reopen(data: bytes):
    import io
    return Presentation(io.BytesIO(data))


def titles(prs) -> list[str]:
    return [s.shapes.title.text_frame.text for s in prs.slides]


def slide_titled(prs, title: str):
    return prs.slides[titles(prs).index(title)]


def table_of(slide) -> list[list[str]]:
    table = next(s for s in slide.shapes if s.has_table).table
    return [[c.text for c in row.cells] for row in table.rows]


def body_text(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame and s != slide.shapes.title)


DATA = Path(__file__).parent / "data"
FACTS = tomllib.loads((DATA / "facts.toml").read_text(encoding="utf-8"))
MONEY = tomllib.loads((DATA / "money_systems.toml").read_text(encoding="utf-8"))
PENDING, LINES = FACTS["pending"], FACTS["lines"]
NBSP = "\u00a0"

# The overview's three lines, written by hand from the tables: the lines by schedule light (facts.toml [lines],
# a zero left unsaid), the decisions asked of the scope's own level (facts.toml [pending]) and the money
# (money_systems.toml: one-off, yearly, savings = system + other savings, net; new need from facts.toml [staffing]).
HEADLINES = {
    "IKA": ["4 linjaa: riskissä 4", "Odottavia päätösesityksiä on 3",
            "Kertakustannukset 269 000 € · vuosikustannukset 212 000 € · vuosisäästöt 63 000 € · nettokustannus "
            "149 000 € vuodessa · uudet resurssitarpeet 3,5 htv"],
    "LNP": ["3 linjaa: riskissä 1 · myöhässä 2", "Yksi päätösesitys odottaa, ja se on myöhässä",
            "Kertakustannukset 64 000 € · vuosikustannukset 76 000 € · vuosisäästöt 16 000 € · nettokustannus "
            "60 000 € vuodessa · uudet resurssitarpeet 3 htv"],
    "YST": ["6 linjaa: aikataulussa 2 · riskissä 3 · myöhässä 1", "Odottavia päätösesityksiä on 4",
            "Kertakustannukset 377 000 € · vuosikustannukset 249 000 € · vuosisäästöt 78 000 € · nettokustannus "
            "171 000 € vuodessa · uudet resurssitarpeet 5,8 htv"],
    "VAM": ["Yksi linja: riskissä 1", "Yksi päätösesitys odottaa",
            "Kertakustannukset 75 000 € · vuosikustannukset 41 000 € · vuosisäästöt 30 000 € · nettokustannus "
            "11 000 € vuodessa · uudet resurssitarpeet 0,7 htv"],
    "KOPA": ["Yksi linja: riskissä 1", "Yksikään päätösesitys ei odota",
             "Kertakustannukset 120 000 € · vuosikustannukset 112 000 € · vuosisäästöt 42 000 € · nettokustannus "
             "70 000 € vuodessa · uudet resurssitarpeet 2,5 htv"],
    "county": ["15 linjaa: aikataulussa 2 · riskissä 10 · myöhässä 3",
               "Odottavia päätösesityksiä on 10, joista myöhässä 3",
               "Kertakustannukset 905 000 € · vuosikustannukset 690 000 € · vuosisäästöt 443 500 € · nettokustannus "
               "246 500 € vuodessa · uudet resurssitarpeet 15,5 htv"],
}
# The money slide's total row (new need, one-off, yearly, savings) and the caveat naming lines without estimates.
TOTALS = {"IKA": ["3,5", "269 000 €", "212 000 €", "63 000 €"], "LNP": ["3", "64 000 €", "76 000 €", "16 000 €"],
          "YST": ["5,8", "377 000 €", "249 000 €", "78 000 €"], "VAM": ["0,7", "75 000 €", "41 000 €", "30 000 €"],
          "KOPA": ["2,5", "120 000 €", "112 000 €", "42 000 €"],
          "county": ["15,5", "905 000 €", "690 000 €", "443 500 €"]}
LACKING = {"IKA": "AP", "LNP": "KOH, ERIT", "YST": "ASO", "county": "AP, KOH, ERIT, ASO"}


def spaced(texts: list[str]) -> list[str]:
    """TEXTS with the no-break spaces of figures (1 000 €, 3,5 htv) as the documents write them."""
    return [re.sub(r"(?<=\d) (?=\d{3}\b)|(?<=\d) (?=€|htv)", NBSP, t) for t in texts]


def named(code: str) -> str:
    return f"{LINES[code]['name']} ({code})"


def test_the_hand_made_headlines_follow_the_tables():
    """The literals above agree with the hand-made tables they were written from."""
    county = MONEY["county"]
    assert HEADLINES["county"][2].startswith(f"Kertakustannukset {county['one_off'] // 1000} 000 €")
    for code, area in MONEY["areas"].items():
        savings = area["system_savings"] + area["other_savings"]
        assert area["one_off"] == int(TOTALS[code][1][:-2].replace(" ", ""))
        assert savings == int(TOTALS[code][3][:-2].replace(" ", ""))
        assert area["yearly"] - savings == area["net"]
        assert f"{area['net']:,}".replace(",", " ") + " € vuodessa" in HEADLINES[code][2]
    lights = [LINES[c]["schedule"] for c in LINES]
    assert (lights.count("green"), lights.count("yellow"), lights.count("red")) == (2, 10, 3)
    assert PENDING["county"]["county"] == 10 and PENDING["areas"]["IKA"]["area"] == 3


@pytest.mark.parametrize("index", range(5))
def test_area_deck_opens_with_the_figures_then_every_line(index, ctx, renders):
    area = renders.scopes()[0][index]
    prs = reopen(renders.area_deck(area.code))
    c = ctx.labels.node("deck.combined")
    assert titles(prs)[:3] == [area.name, ctx.labels.get("overview.opening.heading"), c["overview_title"]]
    overview = prs.slides[2]                                   # after the opening slide (tests/test_opening.py)
    # the money only: the lines' schedule and the asks' count are the opening slide's, said once
    assert body_text(overview).split("\n")[:1] == spaced(HEADLINES[area.code][2:])
    assert not {HEADLINES[area.code][0], HEADLINES[area.code][1]} & set(body_text(overview).split("\n"))
    names = [row[0] for row in table_of(overview)[1:]]
    lines = ctx.reference.organisation.areas[index].lines
    assert names == [named(code) for code in lines]
    if len(lines) == 1:             # a single-line area: a short cover pointing to the line's own documents
        code = lines[0]
        assert body_text(overview).split("\n")[1] == (f"Linjan omat asiakirjat: {code}-kayttoonottosuunnitelma.docx, "
                                                      f"{code}-muutoksen-tarina.pptx")
        assert titles(prs)[3:] == [t for t in ("Päätökset, joita tarvitsemme", "Korkeat riskit",
                                               "Resurssit ja kustannukset") if t in titles(prs)]
        return
    for code in lines:                                         # each line has its own slide with its message
        slide = slide_titled(prs, named(code))
        message = renders.plan(code).summary.key_message
        assert " ".join(message.split())[:40] in " ".join(body_text(slide).split())


@pytest.mark.parametrize("index", range(5))
def test_area_deck_money_sums_its_lines(index, ctx, renders):
    area = renders.scopes()[0][index]
    prs = reopen(renders.area_deck(area.code))
    rows = table_of(slide_titled(prs, ctx.labels.get("deck.combined.money_title")))
    if area.code in LACKING:                                   # the caveat on the slide, under the total
        assert rows.pop() == [f"Ei arvioitu: {LACKING[area.code]}"] + ["–"] * 4
    lines = ctx.reference.organisation.areas[index].lines
    assert [r[0] for r in rows[1:len(lines) + 1]] == [named(code) for code in lines]
    total = rows[-1]
    assert total[0] == "Yhteensä"
    assert total[1:] == spaced(TOTALS[area.code])


def test_county_deck_gives_areas_lines_money_by_area_and_dependencies(ctx, renders):
    areas = renders.scopes()[0]
    prs = reopen(renders.county_deck())
    c = ctx.labels.node("deck.combined")
    assert titles(prs)[1:3] == [ctx.labels.get("overview.opening.heading"), c["overview_title"]]
    overview = prs.slides[2]                                   # after the opening slide (tests/test_opening.py)
    assert body_text(overview).split("\n")[:1] == spaced(HEADLINES["county"][2:])   # the money; the rest: opening
    assert [r[0] for r in table_of(overview)[1:]] == [a.name for a in areas]
    lines = table_of(slide_titled(prs, c["status_title"]))
    assert sorted(r[0] for r in lines[1:]) == sorted(named(code) for code in LINES)  # every line on one slide
    money = table_of(slide_titled(prs, c["money_title"]))
    assert money.pop()[0] == "Ei arvioitu: AP, KOH, ERIT, ASO"          # the four lines without cost estimates
    assert [r[0] for r in money[1:len(areas) + 1]] == [a.name for a in areas]
    assert money[-1][0] == c["money_total"]
    assert money[-1][1:] == spaced(TOTALS["county"])
    dependencies = table_of(slide_titled(prs, c["dependencies_title"]))
    nao = next(r for r in dependencies if r[0] == "NAO")
    assert nao[2] == "KAT, AP" and "puolesta-asiointi" in nao[1]
    shared = {name for area in MONEY["areas"].values() for name in area["shared"]}
    assert len(shared) == 3 and all(any(r[1].startswith(name + " (") for r in dependencies) for name in shared)


def test_decisions_slide_lists_the_waiting_decisions_soonest_first(ctx, renders):
    """The county deck asks only the county level's pending decisions (issue 19: a line's one was mixed in) and
    says how many are asked at the lines and areas. The opening slide shows the first two asks; this slide lists
    only the rest (each ask said once)."""
    prs = reopen(renders.county_deck())
    slide = slide_titled(prs, ctx.labels.get("deck.combined.decisions_title"))
    rows = table_of(slide)
    deciders = {r[2] for r in rows[1:]}
    assert not deciders & {"Palvelulinjan johto", "Palvelualueen johto"}
    assert 0 < len(rows) - 1 <= PENDING["county"]["county"] - 2       # a long list continues on the next slide
    opening = " ".join(s.text_frame.text for s in prs.slides[1].shapes if s.has_text_frame)
    assert not [r for r in rows[1:] if r[1].rstrip(".") in opening]   # not the two the opening slide shows
    notes = slide.notes_slide.notes_text_frame.text
    # facts.toml: ten asked of the county, three late (the first two of them on the opening slide)
    assert PENDING["county"]["county"] == 10 and PENDING["county"]["county_late"] == 3
    assert "Alussa mainitsemieni kahden lisäksi päätöstä odottaa kahdeksan asiaa, joista yksi on jo myöhässä." in notes
    assert ("kuusi asiaa palvelulinjojen johdolla (yksi myöhässä), yhdeksän asiaa palvelualueen johdolla "
            "(yksi myöhässä)") in notes


def test_an_invalid_and_a_missing_line_are_named(ctx, renders):
    results = [r for r in renders.results() if r.line_code not in ("KAT", "AP")]
    kat = renders.plan("KAT")
    broken = IntakeResult(Path("KAT-rikki.xlsx"), kat, [Problem("x", Severity.ERROR, "KAT-rikki.xlsx")],
                          completeness(kat))
    entries = collect_lines([*results, broken], ctx.reference, AS_OF)
    areas = area_scopes(entries, ctx.reference, AS_OF)
    county = county_scope(entries, ctx.reference, AS_OF)
    for data, title in ((render_area_deck(areas[0], ctx), "overview_title"),
                        (render_county_deck(county, areas, ctx), "status_title")):
        prs = reopen(data)
        rows = table_of(slide_titled(prs, ctx.labels.get(f"deck.combined.{title}")))
        kat_row = next(r for r in rows if "(KAT)" in r[0])
        assert ctx.labels.get("common.states.invalid") in kat_row[0]
        assert any("(AP)" in r[0] and ctx.labels.get("common.states.missing") in r[0] for r in rows)
        notes = " ".join(s.notes_slide.notes_text_frame.text for s in prs.slides)
        assert "KAT" in notes and "AP" in notes


def test_no_none_raw_codes_and_finnish_on_every_run(ctx, renders):
    areas = renders.scopes()[0]
    tag = ctx.labels.get("language.tag")
    for data in [renders.county_deck(), *(renders.area_deck(a.code) for a in areas)]:
        prs = reopen(data)
        for slide in prs.slides:
            text = body_text(slide) + slide.notes_slide.notes_text_frame.text
            assert not RAW.search(text), RAW.search(text)
            assert slide.notes_slide.notes_text_frame.text.strip()
            runs = [r for shape in slide.shapes if shape.has_text_frame
                    for p in shape.text_frame.paragraphs for r in p.runs]
            runs += [r for shape in slide.shapes if shape.has_table for row in shape.table.rows
                     for cell in row.cells for p in cell.text_frame.paragraphs for r in p.runs]
            assert runs and all(r._r.find(qn("a:rPr")).get("lang") == tag for r in runs)


def test_valid_results_helper_is_what_the_build_reads(renders):
    assert all(valid_result(renders.plan(c)).valid for c in renders.codes)


@pytest.mark.xdist_group("libreoffice-decks")          # one worker converts the shared decks (tests/renders.py)
@pytest.mark.office
def test_every_combined_deck_renders_whole_in_libreoffice(renders):
    for name, pdf in renders.pdfs("area_county_decks").items():
        deck = renders.county_deck() if name == "county" else renders.area_deck(name)
        pages = pdf_pages(pdf)
        assert len(pages) == len(reopen(deck).slides), name
        assert not [w for page in pages for w in page.off_page()], name

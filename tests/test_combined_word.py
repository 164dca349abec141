"""The combined Word plans: each service area's plan and the county's common plan, read against the samples."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from docx.text.paragraph import Paragraph
from docx_helpers import document_text, headings, open_docx, section_after, table_dicts, table_rows, tables_after
from opening_helpers import opening_asks
from pdf_helpers import pdf_pages
from renders import valid_result

from pipeline.intake.completeness import completeness
from pipeline.intake.result import IntakeResult, Problem, Severity
from pipeline.render.word.combined import render_area_plan, render_county_plan
from pipeline.view.county import collect_lines
from pipeline.view.scope import area_scopes, county_scope

DATA = Path(__file__).parent / "data"
FACTS = tomllib.loads((DATA / "facts.toml").read_text(encoding="utf-8"))
MONEY = tomllib.loads((DATA / "money_systems.toml").read_text(encoding="utf-8"))
PENDING, STAFFING, LINES = FACTS["pending"], FACTS["staffing"], FACTS["lines"]
DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")
# The money table's one-off total per area, written by hand from money_systems.toml ([areas.*] one_off).
ONE_OFF = {"IKA": "269\u00a0000\u00a0€", "LNP": "64\u00a0000\u00a0€", "YST": "377\u00a0000\u00a0€",
           "VAM": "75\u00a0000\u00a0€", "KOPA": "120\u00a0000\u00a0€"}
NEW_NEED = {"IKA": "3,5", "LNP": "3", "YST": "5,8", "VAM": "0,7", "KOPA": "2,5"}   # facts.toml [staffing.areas]
# The systems of IKA's lines (their workbooks' Järjestelmät sheet) by the county's name for them (systems.toml:
# CaseM is "CaseM lomakepalvelu", Turvaposti "Suojattu sähköposti", Medi-IT "Medi-IT etävastaanotto").
IKA_SYSTEMS = {"NAO": ["Omaolo", "CaseM lomakepalvelu", "Tekstiviestipalvelu", "Teams-videovastaanotto"],
               "KAT": ["CaseM lomakepalvelu", "Kotihoidon etähoivapalvelu", "Tekstiviestipalvelu"],
               "AP": ["Suojattu sähköposti"],
               "SP": ["Medi-IT etävastaanotto", "Kotisairaalan etämittauspalvelu"]}
# The readiness matrix's columns: the lines area by area, in the organisation's order.
MATRIX_LINES = ["NAO", "KAT", "AP", "SP", "EHK", "KOH", "ERIT", "AVO", "STH", "KUN", "AIK", "MTP", "ASO", "VAM", "ASI"]


LATE = "MYÖHÄSSÄ – "


def test_the_hand_made_one_off_totals_follow_the_table():
    for code, area in MONEY["areas"].items():
        assert int(ONE_OFF[code][:-2].replace("\u00a0", "")) == area["one_off"]


def area_codes(ctx) -> list[str]:
    return [a.code for a in ctx.reference.organisation.areas]


@pytest.mark.parametrize("index", range(5))
def test_area_plan_names_every_line_and_gives_each_its_page(index, ctx, renders):
    area = ctx.reference.organisation.areas[index]
    document = open_docx(renders.area_plan(area.code))
    status = table_rows(tables_after(document, ctx.labels.get("word.h.status"))[0])
    names = [row[0] for row in status[1:]]
    for code in area.lines:
        assert any(f"({code})" in name and LINES[code]["name"] in name for name in names), code
    pages = [t for level, t in headings(document) if level == 2
             and t in {f"{LINES[c]['name']} ({c})" for c in area.lines}]
    if len(area.lines) == 1:            # a single-line area points to the line's own documents instead
        code = area.lines[0]
        assert pages == []
        assert any(f"{code}-kayttoonottosuunnitelma.docx ja {code}-muutoksen-tarina.pptx" in p.text
                   for p in document.paragraphs)
    else:
        assert len(pages) == len(area.lines)
    assert document.core_properties.title == area.name


@pytest.mark.parametrize("index", range(5))
def test_area_plan_decisions_by_date_and_money_summed(index, ctx, renders):
    area = ctx.reference.organisation.areas[index]
    document = open_docx(renders.area_plan(area.code))
    # the area plan asks only the area leadership's pending decisions, once: as the opening page's bullets (no
    # second table of them), line by line as the hand-made table counts them, late first, then soonest first, each
    # with its date (every pending sample decision has one)
    rows = opening_asks(document, ctx.labels.get("overview.opening.heading"))
    asked = {code: PENDING["lines"][code].get("area", 0) for code in area.lines}
    assert sorted(r.removeprefix(LATE).split(":")[0] for r in rows) == sorted(
        code for code, n in asked.items() for _ in range(n))
    dates = [DATE.search(r.split(" viimeistään ")[1]).group() for r in rows]
    late = [r.startswith(LATE) for r in rows]
    days = [(not x, *(int(n) for n in reversed(d.split(".")))) for x, d in zip(late, dates, strict=True)]
    assert days == sorted(days)
    assert sum(late) == PENDING["areas"][area.code].get("area_late", 0)
    headers = [[c.text for c in t.rows[0].cells][:2] for t in document.tables]
    assert ["Linja", "Päätösesitys"] not in headers                 # no second list of them in a table
    money = table_dicts(tables_after(document, ctx.labels.get("word.h.money"))[0])
    total = money[-1]
    assert total["Linja"] == ctx.labels.get("word.combined.total")
    # new need only: transfers, work within existing resources and rejected requests are not need (issue 19)
    assert total["Uusi resurssitarve (htv)"] == NEW_NEED[area.code]
    assert float(NEW_NEED[area.code].replace(",", ".")) == STAFFING["areas"][area.code]["new_need"]
    assert total["Kertakustannus (€)"] == ONE_OFF[area.code]


def test_area_plan_lists_the_systems_its_lines_exit(ctx, renders):
    area = ctx.reference.organisation.areas[0]
    document = open_docx(renders.area_plan(area.code))
    exits = table_dicts(tables_after(document, ctx.labels.get("word.h.exits"))[-1])
    assert exits and all(r["Alasajo"] == "–" or DATE.fullmatch(r["Alasajo"]) for r in exits)
    assert any(DATE.fullmatch(r["Alasajo"]) for r in exits)
    column = "Linjat: päätös ja käytöstä luopuminen"
    for code, systems in IKA_SYSTEMS.items():
        for name in systems:
            assert any(r["Järjestelmä"] == name and f"{code}: " in r[column] for r in exits), (code, name)


def test_county_plan_first_pages_give_status_decisions_and_money(ctx, renders):
    document = open_docx(renders.county_plan())
    status = [b.text for b in section_after(document, ctx.labels.get("word.h.status")) if isinstance(b, Paragraph)]
    figures = dict(line.split(": ", 1) for line in status if ": " in line)
    labels = ctx.labels.node("word.combined.figures")
    county = PENDING["county"]
    # the status page's figures say only what the cover and the opening page do not: the new staffing need (facts.toml)
    assert STAFFING["county"]["new_need"] == 15.5 and STAFFING["county"]["unfunded"] == 13.5
    assert figures == {labels["new_fte"]: "15,5\u00a0htv, josta rahoittamatta 13,5\u00a0htv"}
    text = " ".join(p.text for p in section_after(document, ctx.labels.get("overview.opening.heading"), level=1)
                    if isinstance(p, Paragraph))
    lights = [line["schedule"] for line in LINES.values()]
    assert (lights.count("green"), lights.count("yellow"), lights.count("red")) == (2, 10, 3)
    assert "linjoista aikataulussa 2 · riskissä 10 · myöhässä 3" in text      # said once: in the verdict
    assert (county["county"], county["county_late"]) == (10, 3)
    assert "Hyvinvointialueen johdolta pyydetään 10 päätöstä, joista 3 on myöhässä" in text
    assert MONEY["county"]["one_off"] == 905000 and MONEY["county"]["not_estimated"] == ["AP", "KOH", "ERIT", "ASO"]
    assert "Kertakustannus 905\u00a0000\u00a0€" in text and "arvioineet: AP, KOH, ERIT, ASO" in text
    status_text = " ".join(status)
    assert "905\u00a0000" not in status_text and "Kertakustannus" not in status_text     # not said again
    areas = table_dicts(tables_after(document, ctx.labels.get("word.h.areas"))[0])
    assert [a["Palvelualue"] for a in areas] == [a.name for a in ctx.reference.organisation.areas]
    assert len(opening_asks(document, ctx.labels.get("overview.opening.heading"))) == county["county"]
    assert ("kuusi asiaa palvelulinjojen johdolla (yksi myöhässä), yhdeksän asiaa palvelualueen johdolla "
            "(yksi myöhässä)") in text


def test_county_readiness_matrix_is_lines_by_items(ctx, renders):
    document = open_docx(renders.county_plan())
    matrix = table_rows(tables_after(document, ctx.labels.get("word.h.readiness"))[0])
    assert matrix[0][1:] == MATRIX_LINES
    marks = ctx.labels.node("word.combined.readiness_marks")
    header = matrix[0]
    for row in matrix[1:]:
        for code, mark in zip(header[1:], row[1:], strict=True):
            status = next((r.status for r in renders.plan(code).readiness if r.item == row[0]), None)
            assert mark == (marks[status.value] if status else "")


def test_an_invalid_and_a_missing_line_are_named_never_dropped(ctx, renders):
    results = [r for r in renders.results() if r.line_code not in ("KAT", "AP")]
    kat = renders.plan("KAT")
    broken = IntakeResult(Path("KAT-rikki.xlsx"), kat, [Problem("x", Severity.ERROR, "KAT-rikki.xlsx")],
                          completeness(kat))
    entries = collect_lines([*results, broken], ctx.reference, ctx.as_of)
    areas = area_scopes(entries, ctx.reference, ctx.as_of)
    county = render_county_plan(county_scope(entries, ctx.reference, ctx.as_of), areas, ctx)
    for document, heading in ((open_docx(render_area_plan(areas[0], ctx)), "word.h.status"),
                              (open_docx(county), "word.h.lines_status")):
        text = document_text(document)
        assert "KAT (virheellinen)" in text and "AP (työkirja puuttuu)" in text
        status = table_rows(tables_after(document, ctx.labels.get(heading))[0])
        kat_row = next(row for row in status if "(KAT)" in row[0])
        assert "Virheellinen (KAT-rikki.xlsx)" in kat_row[0] and kat_row[1] == "–"
        assert any("(AP)" in row[0] and "Työkirja puuttuu" in row[0] for row in status)


def test_no_none_or_raw_codes(ctx, renders):
    for data in [renders.county_plan(), *(renders.area_plan(code) for code in area_codes(ctx))]:
        text = document_text(open_docx(data))
        assert not re.search(r"\b(None|waiting|keep_partly|not_started)\b", text)


def test_valid_results_helper_is_what_the_build_reads(renders):
    assert all(valid_result(renders.plan(c)).valid for c in renders.codes)


@pytest.mark.xdist_group("libreoffice-plans")          # one worker converts the shared plans (tests/renders.py)
@pytest.mark.office
def test_every_combined_plan_renders_whole_in_libreoffice(renders):
    for name, pdf in renders.pdfs("area_county_plans").items():
        pages = pdf_pages(pdf)
        shortest = 2 if name in ("VAM", "KOPA") else 5                  # a single-line area's short cover
        assert len(pages) >= shortest and not [w for page in pages for w in page.off_page()], name



def _chart_values(xml: str) -> tuple[list[str], dict[str, list[float]]]:
    """A chart part's categories and each series' values (an empty point as 0)."""
    series = {}
    categories: list[str] = []
    for ser in re.findall(r"<c:ser>.*?</c:ser>", xml, re.S):
        name = re.search(r"<c:tx>.*?<c:v>([^<]*)</c:v>", ser, re.S).group(1)
        categories = re.findall(r"<c:v>([^<]*)</c:v>", re.search(r"<c:cat>.*?</c:cat>", ser, re.S).group(0))
        values = re.search(r"<c:val>.*?</c:val>", ser, re.S).group(0)
        count = int(re.search(r'<c:ptCount val="(\d+)"/>', values).group(1))
        points = dict(re.findall(r'<c:pt idx="(\d+)">\s*<c:v>([^<]*)</c:v>', values))
        series[name] = [float(points.get(str(n), 0)) for n in range(count)]
    return categories, series


def test_county_plan_charts_agree_with_its_tables(ctx, renders):
    """The go-lives and shutdowns per quarter are Word charts with alt text; their data say what the tables say."""
    import io
    import zipfile
    data = renders.county_plan()
    files = zipfile.ZipFile(io.BytesIO(data))
    charts = sorted(n for n in files.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n))
    assert len(charts) == 2
    document = open_docx(data)
    descriptions = [d.get("descr", "") for d in document.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert len(descriptions) == 2 and all(len(d) > 40 for d in descriptions)

    golives = table_dicts(tables_after(document, ctx.labels.get("word.h.roadmap"))[0])
    quarters, series = _chart_values(files.read(charts[0]).decode())
    assert quarters == list(dict.fromkeys(row["Neljännes"] for row in golives))
    for quarter_index, quarter in enumerate(quarters):
        listed = sum(len(row["Käyttöönotot"].splitlines()) for row in golives if row["Neljännes"] == quarter)
        assert sum(values[quarter_index] for values in series.values()) == listed

    shutdowns = table_dicts(tables_after(document, ctx.labels.get("word.h.exits"))[0])
    quarters, series = _chart_values(files.read(charts[1]).decode())
    assert quarters == [row["Neljännes"] for row in shutdowns]
    axis = ctx.labels.get("overview.exits.axis")           # the bars are the yearly cost that ends, in euros
    assert list(series) == [axis] and all(value > 0 for value in series[axis])


def test_a_single_line_area_does_not_point_to_one_pagers_it_has_not(renders):
    """VAM has one line and no per-line pages: its status intro says so, without 'each line's summary at the end'."""
    text = "\n".join(p.text for p in open_docx(renders.area_plan("VAM")).paragraphs)
    assert "Palvelualueen ainoa palvelulinja yhdellä silmäyksellä tilannepäivänä 26.11.2026." in text
    assert "Jokaisen linjan oma yhteenveto" not in text
    assert "kunkin linjan omalla sivulla" not in text
    assert "riskien valot ovat linjan omassa käyttöönottosuunnitelmassa." in text
    ika = "\n".join(p.text for p in open_docx(renders.area_plan("IKA")).paragraphs)
    assert "Jokaisen linjan oma yhteenveto" in ika and "riskien valot ovat kunkin linjan omalla sivulla." in ika


# The key messages' openings as the samples' workbooks write them (templates/samples/NAO.toml, VAM.toml).
KEY_MESSAGES = {"NAO": "Ikääntynyt ja hänen läheisensä saavat neuvonnan ja asiakasohjauksen chatissa",
                "VAM": "Vammaispalvelujen asiakas hakee kuljetuspalvelua"}


@pytest.mark.parametrize(("area", "line"), [("IKA", "NAO"), ("VAM", "VAM")])
def test_an_area_plan_says_a_lines_key_message_once(area, line, renders):
    """On the line's own page where the plan has one (IKA); in the status table of a single-line area (VAM)."""
    text = document_text(open_docx(renders.area_plan(area)))
    assert text.count(KEY_MESSAGES[line]) == 1

"""Issue 21 and issue 19's money and systems: the samples' exit plans and money against the hand-made table
tests/data/money_systems.toml (counted from the workbooks with tests/data/money_systems_count.py, never with
digiplan's code), read back from the documents in Finnish and Swedish."""
from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import tomllib
import zlib
from functools import partial
from pathlib import Path

import pytest
from docx_helpers import document_text, open_docx
from openpyxl import load_workbook
from pdf_helpers import pdf_pages
from pptx import Presentation
from renders import EXTRA, Renders, valid_result

from pipeline.catalog import Labels
from pipeline.officefiles import reproducible_workbook
from pipeline.reference import Reference
from pipeline.render.context import RenderContext
from pipeline.samples import load_sample
from pipeline.schema import System, SystemDecision
from pipeline.view.county import collect_lines
from pipeline.view.exit_findings import FindingKind
from pipeline.view.exits import ExitState, exit_plans

EXPECTED = tomllib.loads((Path(__file__).parent / "data" / "money_systems.toml").read_text("utf-8"))
AS_OF: dt.date = EXPECTED["as_of"]


def digits(value: float) -> str:
    """'443 500' for a regex over text whose thousands separators may be any space."""
    return r"[\s\u00a0\u202f]".join(re.findall(r"\d{1,3}(?=(?:\d{3})*$)", str(round(value))))


def has_amount(text: str, value: float) -> bool:
    return re.search(rf"(?<!\d)(?<!\d[\s\u00a0\u202f]){digits(value)}(?![\d])", text) is not None


@pytest.fixture(scope="module", params=["fi", "sv"])
def built(request, tmp_path_factory):
    language = request.param
    ctx = RenderContext(Reference.load(language=language), Labels.load(language), AS_OF)
    return language, ctx, Renders(ctx, tmp_path_factory.mktemp(f"exits-{language}"), variant=f"exits-{language}")


@pytest.fixture(scope="module")
def fi(tmp_path_factory):
    ctx = RenderContext(Reference.load(), Labels.load(), AS_OF)
    renders = Renders(ctx, tmp_path_factory.mktemp("exits-fi-only"), variant="exits-fi")   # shared with built[fi]
    areas, county = renders.scopes()
    return ctx, renders, areas, county


def sheet_rows(book, ctx, key: str, table: str) -> list[dict]:
    ws = book[ctx.labels.get(f"county.sheets.{key}")]
    rows = [[c.value for c in row] for row in ws[ws.tables[table].ref]]
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def header(ctx, section: str, key: str) -> str:
    return ctx.labels.get(f"county.{section}.headers.{key}")


# --- the view against the hand-made table --------------------------------------------------------------------------

def test_county_money_reconciles_with_the_hand_count(fi):
    _, _, _, county = fi
    m, want = county.money, EXPECTED["county"]
    assert m.one_off.value == want["one_off"]
    assert m.yearly_cost.value == want["yearly"]
    assert m.system_savings.value == want["system_savings"]
    assert m.other_savings.value == want["other_savings"]
    assert m.savings == want["savings"]
    assert m.net == want["net"]
    assert sorted(m.not_estimated) == sorted(want["not_estimated"])
    assert {p.name: p.saving for p in m.own_systems} == EXPECTED["systems"]


@pytest.mark.parametrize("code", ["IKA", "LNP", "YST", "VAM", "KOPA"])
def test_an_area_counts_only_its_own_systems_and_lists_shared_ones_apart(code, fi):
    _, _, areas, _ = fi
    area = next(a for a in areas if a.code == code)
    m, want = area.money, EXPECTED["areas"][code]
    assert (m.one_off.value, m.yearly_cost.value) == (want["one_off"], want["yearly"])
    assert m.system_savings.value == want["system_savings"]
    assert (m.other_savings.value or 0) == want["other_savings"]
    assert sorted(p.name for p in m.shared_systems) == sorted(want["shared"])
    assert m.net == want["net"]


def test_the_areas_and_the_county_only_systems_add_up_to_the_county(fi):
    """No shared system counted twice: the areas' own savings + the shared systems' savings once = the county's."""
    shared = {name for area in EXPECTED["areas"].values() for name in area["shared"]}
    by_hand = sum(a["system_savings"] for a in EXPECTED["areas"].values()) + \
        sum(EXPECTED["systems"][name] for name in shared)
    assert by_hand == EXPECTED["county"]["system_savings"]
    _, _, areas, county = fi
    assert sum(a.money.system_savings.value or 0 for a in areas) + \
        sum(EXPECTED["systems"][n] for n in shared) == county.money.system_savings.value


def test_caseM_teams_and_omaolo_are_not_delayed_and_kept_systems_are_kept(fi):
    _, _, _, county = fi
    states = {p.name: p.state for p in county.exits}
    assert states["CaseM lomakepalvelu"] is ExitState.SCHEDULED       # NAO leaves on its contract's last day
    assert states["Teams-videovastaanotto"] is ExitState.SCHEDULED    # costs nothing
    assert states["Omaolo"] is ExitState.BLOCKED                      # EHK has no exit date; AVO leaves at contract end
    assert ExitState.DELAYED not in states.values()
    assert states["Tekstiviestipalvelu"] is ExitState.KEPT
    assert states["Webropol"] is ExitState.KEPT
    assert states["Apotti-asiointi"] is ExitState.KEPT_PARTLY
    assert {p.name for p in county.shared_systems}.isdisjoint({"Tekstiviestipalvelu", "Webropol"})


def test_a_later_exit_with_a_running_cost_past_contract_end_is_delayed(fi):
    ctx = fi[0]
    late = System(id="J01", name="Omaolo", decision=SystemDecision.EXIT, exit_date=dt.date(2028, 6, 30),
                  replacement_date=dt.date(2027, 4, 1), contract_end=dt.date(2028, 3, 31), notice_months=6,
                  yearly_cost=5000)
    on_time = late.model_copy(update={"exit_date": dt.date(2028, 3, 31)})
    free = late.model_copy(update={"yearly_cost": None})
    for system, state in ((late, ExitState.DELAYED), (on_time, ExitState.SCHEDULED), (free, ExitState.SCHEDULED)):
        plan = load_sample("NAO").model_copy(update={"systems": [system]})
        entries = collect_lines([valid_result(plan)], ctx.reference, AS_OF)
        assert exit_plans(entries, ctx.reference)[0].state is state, system


def test_display_names_keep_the_lines_own_name_in_brackets(built):
    language, ctx, renders = built
    _, county = renders.scopes()
    plans = {p.name: p for p in county.exits}
    maisa = plans["Apotti-asiointi" if language == "fi" else "Apotti e-tjänst"]
    assert [maisa.line_name(u) for u in maisa.lines] == [
        "Apotti-asiointi (Maisa)" if language == "fi" else "Apotti e-tjänst (Maisa)"]
    teams = plans["Teams-videovastaanotto" if language == "fi" else "Teams-videomottagning"]
    erit = next(u for u in teams.lines if u.line.code == "ERIT")
    assert teams.line_name(erit) == ("Teams-videovastaanotto (Teams)" if language == "fi"
                                     else "Teams-videomottagning (Teams)")


# --- conflicts, gaps and notices ---------------------------------------------------------------------------------

def test_conflicts_and_gaps_are_findings_with_both_lines_values(fi):
    _, _, _, county = fi
    found = county.findings
    conflict = next(f for f in found if f.kind is FindingKind.CONTRACT_CONFLICT
                    and f.system.name == "Tekstiviestipalvelu")
    assert sorted((v.line.line.code, v.value) for v in conflict.values) == [
        ("AVO", "2029-12-31/6"), ("STH", "2027-12-31/3")]
    assert any(f.kind is FindingKind.NO_CONTRACT and f.system.name == "Kotihoidon etähoivapalvelu" for f in found)
    risk = next(f for f in found if f.kind is FindingKind.NOTICE_BEFORE_RISK
                and f.system.name == "Kotisairaalan etämittauspalvelu")
    assert risk.values[0].value == "2027-12-30" and risk.risk and risk.risk.score == 16
    cost = next(f for f in found if f.kind is FindingKind.COST_AFTER_EXIT
                and f.system.name == "Henkilökohtaisen avun tuntiportaali")
    assert (cost.months, cost.amount) == (6, 15000)
    deciders = next(f for f in found if f.kind is FindingKind.DECIDER_CONFLICT
                    and f.system.name == "Teams-videovastaanotto")
    assert len(deciders.values) == 5


def test_the_workbook_names_the_conflict_and_lists_the_notices_due(fi):
    ctx, renders, _, _ = fi
    book = load_workbook(io.BytesIO(renders.county()))
    systems = {r[header(ctx, "systems", "name")]: r for r in sheet_rows(book, ctx, "systems", "SystemExits")}
    sms = systems["Tekstiviestipalvelu"]
    conflicts = sms[header(ctx, "systems", "conflicts")]
    assert "AVO" in conflicts and "31.12.2029" in conflicts and "STH" in conflicts and "31.12.2027" in conflicts
    assert sms[header(ctx, "systems", "contract_end")] is None           # kept: no notice on the system's row
    assert sms[header(ctx, "systems", "notice_deadline")] is None
    missing = ctx.labels.get("county.systems.no_status")
    for name in ("Tekstiviestipalvelu", "Webropol"):
        kept_lines = [x for x in systems[name][header(ctx, "systems", "lines")].split("\n")
                      if x.split(":")[0] in ("AVO", "ASO", "ASI")]
        assert kept_lines and not any(missing in x for x in kept_lines), name
    assert "Kotihoidon etähoivapalvelu" in {r[header(ctx, "findings", "system")] for r in
                                            sheet_rows(book, ctx, "findings", "ExitFindings")}
    notices = sheet_rows(book, ctx, "notices", "NoticesDue")
    assert [(r[header(ctx, "notices", "deadline")].date(), r[header(ctx, "notices", "system")],
             sorted(r[header(ctx, "notices", "lines")].split(", "))) for r in notices] == [
        (n["deadline"], n["system"], sorted(n["lines"])) for n in EXPECTED["notices"]]


def test_an_overdue_notice_is_listed_first_in_red(fi, tmp_path):
    ctx = RenderContext(fi[0].reference, fi[0].labels, dt.date(2027, 3, 1))
    renders = Renders(ctx, tmp_path)
    book = load_workbook(io.BytesIO(renders.county()))
    ws = book[ctx.labels.get("county.sheets.notices")]
    notices = sheet_rows(book, ctx, "notices", "NoticesDue")
    first = notices[0]
    assert first[header(ctx, "notices", "system")] == "Neuvontabotti (pilotti)"       # due 28.2.2027
    assert first[header(ctx, "notices", "overdue")] == ctx.labels.get("county.notices.overdue")
    first_row = ws[ws.tables["NoticesDue"].ref][1][0].row
    assert ws.cell(row=first_row, column=1).font.color.rgb.endswith(
        ctx.reference.excel_style.blocker.text.lstrip("#"))


# --- one money in every document and both languages --------------------------------------------------------------

def test_net_money_and_savings_read_the_same_in_the_county_plan_deck_and_workbook(built):
    language, ctx, renders = built
    want = EXPECTED["county"]
    plan = document_text(open_docx(renders.county_plan()))
    prs = Presentation(io.BytesIO(renders.county_deck()))
    deck = "\n".join(shape.text_frame.text for slide in prs.slides for shape in slide.shapes
                     if shape.has_text_frame) + "\n".join(slide.notes_slide.notes_text_frame.text
                                                          for slide in prs.slides if slide.has_notes_slide)
    for text in (plan, deck):
        for value in (want["savings"], want["net"], want["yearly"]):
            assert has_amount(text, value), (language, value)
        for code in want["not_estimated"]:
            assert code in text
    book = load_workbook(io.BytesIO(renders.county()))
    ws = book[ctx.labels.get("county.sheets.exit_summary")]
    money = {row[0].value: row[1].value for row in ws.iter_rows() if row[0].value and row[1].value is not None}
    node = ctx.labels.node("county.exit_summary.money")
    assert money[node["savings"]] == want["savings"]
    assert money[node["net"]] == want["net"]
    assert money[node["system_savings"]] == want["system_savings"]
    assert money[node["other_savings"]] == want["other_savings"]


@pytest.mark.parametrize("code", ["IKA", "YST"])
def test_area_plans_show_shared_systems_once_outside_their_total(code, fi):
    ctx, renders, _, _ = fi
    text = document_text(open_docx(renders.area_plan(code)))
    want = EXPECTED["areas"][code]
    assert has_amount(text, want["system_savings"])
    for name in want["shared"]:
        assert text.count(name) >= 1
    assert has_amount(text, want["net"])


# --- printing ----------------------------------------------------------------------------------------------------

def _font_sizes(pdf: Path) -> list[float]:
    data = pdf.read_bytes()
    sizes = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            continue
        sizes += [float(s) for s in re.findall(rb"/F\d+ ([\d.]+) Tf", content)]
    return sizes


def exit_sheet(key: str) -> bytes:
    """The county workbook (at the table's date, shared with the fixtures above) with only its sheet KEY."""
    ctx = RenderContext(Reference.load(), Labels.load(), AS_OF)
    renders = Renders(ctx, Path(tempfile.gettempdir()), variant="exits-fi")
    book = load_workbook(io.BytesIO(renders.county()))
    for ws in list(book.worksheets):
        if ws.title != ctx.labels.get(f"county.sheets.{key}"):
            book.remove(ws)
    return reproducible_workbook(book, dt.datetime(2026, 1, 1))        # the same bytes in every test process


# laid out in the county workbook's LibreOffice call (tests/renders.py)
EXTRA.setdefault("county", {}).update({f"{key}.xlsx": partial(lambda key, _: exit_sheet(key), key)
                                       for key in ("systems", "exit_summary")})


@pytest.mark.office
def test_exit_sheet_prints_on_a3_at_8_pt_and_the_summary_on_one_page(renders):
    pdfs = renders.pdfs("county")
    systems, summary = pdfs["systems"], pdfs["exit_summary"]
    sizes = _font_sizes(systems)
    assert sizes and min(sizes) >= 8.0, min(sizes)
    pages = pdf_pages(systems)
    assert round(pages[0].width) == 1191 and round(pages[0].height) == 842         # A3 landscape
    assert len(pdf_pages(summary)) == 1


def test_a_system_the_line_keeps_partly_is_not_drawn_as_a_shutdown(fi):
    """AVO keeps Maisa partly: its deck timeline and notes never show Maisa as a shutdown; its Word plan heads the
    system with the reference name and AVO's own in brackets."""
    ctx, renders, _, _ = fi
    prs = Presentation(io.BytesIO(renders.deck("AVO")))
    texts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame]
    notes = [slide.notes_slide.notes_text_frame.text for slide in prs.slides if slide.has_notes_slide]
    told = ctx.labels.get("deck.timeline.notes_shutdowns", items="").rstrip(".").strip()
    shutdowns = [re.split(r"\.(?:\s|$)", n[n.index(told):])[0] for n in notes if told in n]
    assert shutdowns and "Medi-IT" in shutdowns[0]                      # an exit is told
    assert not any("Maisa" in n or "Apotti" in n for n in shutdowns)
    assert any("Apotti-asiointi (Maisa)" in t for t in texts)          # the systems column: display name
    document = document_text(open_docx(renders.word("AVO")))
    assert "Apotti-asiointi (Maisa)" in document


def test_the_county_plan_lists_the_notices_due(fi):
    ctx, renders, _, _ = fi
    from docx_helpers import blocks
    document = open_docx(renders.county_plan())
    header = ctx.labels.get("county.notices.headers.deadline")
    [table] = [b for b in blocks(document) if hasattr(b, "rows") and b.rows[0].cells[0].text == header]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [(r[0], r[1]) for r in rows] == [
        (f"{n['deadline'].day}.{n['deadline'].month}.{n['deadline'].year}", n["system"]) for n in EXPECTED["notices"]]


def test_validation_warns_both_workbooks_of_a_contract_conflict_naming_the_other_cell():
    from pipeline.intake.load import read_intakes
    folder = Path(__file__).parent.parent / "input_workbooks"
    paths = sorted(p for p in folder.glob("*.xlsx") if p.name.split("-")[0] in ("AVO", "STH", "NAO"))
    results = read_intakes(paths, Reference.load(), Labels.load(), AS_OF)
    found = {p.file.split("-")[0]: p for r in results for p in r.problems if p.code == "system.contract_conflict"}
    assert sorted(found) == ["AVO", "STH"]                             # NAO gives no contract for its SMS share
    assert found["AVO"].cell and "STH-" in found["AVO"].message and "31.12.2027" in found["AVO"].message
    assert found["STH"].cell and "AVO-" in found["STH"].message and "31.12.2029" in found["STH"].message
    assert found["STH"].cell in found["AVO"].message and found["AVO"].cell in found["STH"].message


def test_validation_warns_both_workbooks_when_lines_name_different_owners(tmp_path):
    """Owners are settled between the lines like contracts: each workbook's warning names the other's cell."""
    import shutil

    from intake_helpers import edit, header_column

    from pipeline.intake.load import read_intakes
    folder = Path(__file__).parent.parent / "input_workbooks"
    paths = [Path(shutil.copy(p, tmp_path)) for p in sorted(folder.glob("*.xlsx"))
             if p.name.split("-")[0] in ("AVO", "STH")]

    def owner(system: str, name: str):                 # the SMS service: AVO's "Tekstiviestipalvelu", STH's own name
        def change(book):
            sheet = book["Järjestelmät"]
            names = header_column(sheet, "Järjestelmä")
            row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, names).value == system)
            sheet.cell(row, header_column(sheet, "Järjestelmän omistaja")).value = name
        return change

    edit(paths[0], owner("Tekstiviestipalvelu", "Tietohallinto, Anna Aho"))
    edit(paths[1], owner("SMS-palvelu", "Suun terveydenhuolto, Olli Oja"))
    results = read_intakes(paths, Reference.load(), Labels.load(), AS_OF)
    found = {p.file.split("-")[0]: p for r in results for p in r.problems if p.code == "system.owner_conflict"}
    assert sorted(found) == ["AVO", "STH"]
    assert "Olli Oja" in found["AVO"].message and found["STH"].cell in found["AVO"].message
    assert "Anna Aho" in found["STH"].message and found["AVO"].cell in found["STH"].message


def test_the_gantt_folds_by_area_and_line_and_each_area_starts_a_page(fi):
    ctx, renders, _, _ = fi
    book = load_workbook(io.BytesIO(renders.county()))
    ws = book[ctx.labels.get("county.sheets.gantt")]
    first, last = (int(re.sub(r"\D", "", ref)) for ref in ws.tables["Gantt"].ref.split(":"))
    levels = [ws.row_dimensions[r].outline_level or 0 for r in range(first + 1, last + 1)]
    assert levels.count(0) == 5                                   # the five areas, each on its own pages
    assert levels.count(0) + levels.count(1) == 15                # the 15 sample lines
    assert len(ws.row_breaks.brk) == 4
    assert ws.print_title_rows                                     # titles repeat on every page


@pytest.mark.parametrize("code", ["STH", "KUN", "AVO"])
def test_a_line_plan_splits_its_saving_into_system_shares_and_other_savings(code, fi):
    ctx, renders, _, _ = fi
    want = EXPECTED["lines"][code]
    text = document_text(open_docx(renders.word(code)))
    cell = re.search(rf"{digits(want['typed'])}[\s\u00a0]€ \(([^)]*)\)", text)
    assert cell, code
    if not want["other"]:                    # all of it is the exited systems' shares: no "other savings 0 €"
        assert cell.group(1) == "luopuvien järjestelmien osuudet", code
        return
    assert has_amount(cell.group(1).split(",")[0], want["systems"])
    assert has_amount(cell.group(1).split(",")[1], want["other"])


def test_an_area_plans_exit_table_marks_shared_systems_outside_its_total(fi):
    ctx, renders, _, _ = fi
    from docx_helpers import blocks
    document = open_docx(renders.area_plan("IKA"))
    header = ctx.labels.get("word.table.system")
    [table] = [b for b in blocks(document) if hasattr(b, "rows") and b.rows[0].cells[0].text == header
               and len(b.rows[0].cells) == 5]
    savings = {row.cells[0].text: row.cells[4].text for row in table.rows[1:]}
    outside = ctx.labels.get("word.combined.money_outside", value="").strip("()").strip(", ")
    for name in EXPECTED["areas"]["IKA"]["shared"]:
        assert outside in savings[name] and has_amount(savings[name], EXPECTED["systems"][name])
    assert outside not in savings["Kotihoidon etähoivapalvelu"]

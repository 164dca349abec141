"""The county workbook: figures, exit plans, safety of user text, Excel structure, reproducibility."""
from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.intake.completeness import completeness
from pipeline.intake.result import IntakeResult, Problem, Severity
from pipeline.render.county.cells import sheet_title, table_name
from pipeline.render.county.workbook import render_county_workbook
from pipeline.samples import load_sample, sample_codes
from pipeline.schema import LinePlan
from pipeline.systemnames import canonical_system, match_key, suggest_system
from tools.stress import HOSTILE_TEXTS, stress_plan

AREA_OF = {"NAO": "Ikääntyneiden palvelut", "KAT": "Ikääntyneiden palvelut",
           "EHK": "Lasten, nuorten ja perheiden palvelut"}


# --- building inputs -------------------------------------------------------------------------------------------

def make_plan(code: str, *, services=(), systems=(), tasks=(), milestones=(), risks=(), resources=(),
              version=dt.date(2026, 10, 1)) -> LinePlan:
    return LinePlan.model_validate({
        "basics": {"area": AREA_OF.get(code, ""), "line_code": code, "line_name": f"Linja {code}",
                   "facilitator": "Vetäjä", "version_date": version},
        "services": [{"id": f"P{n:02d}", "channel": ch, "phase": "before", "use_case": "Käyttötapaus",
                      "name": f"Palvelu {n}", "description": "Kuvaus", "customer_groups": "Kaikki"}
                     for n, ch in enumerate(services, start=1)],
        "systems": [{"id": f"J{n:02d}", "name": system[0], "replacement": "Uusi alusta",
                     "replacement_date": system[2], "exit_date": system[1], "status": system[3],
                     "decision": "exit", **(system[4] if len(system) > 4 else {})}
                    for n, system in enumerate(systems, start=1)],
        "tasks": [{"item": item, "kind": "task", "due": due, "status": status} for item, due, status in tasks],
        "milestones": [{"channel": ch, "name": name, "kind": kind, "start": start, "end": end, "status": "in_progress"}
                       for ch, name, kind, start, end in milestones],
        "risks": [{"kind": "risk", "description": "Riski", "likelihood": lk, "impact": im} for lk, im in risks],
        "resources": [{"role": "Rooli", "new_fte": fte} for fte in resources],
    })


def ok(plan: LinePlan, name: str | None = None) -> IntakeResult:
    return IntakeResult(Path(name or f"{plan.basics.line_code}.xlsx"), plan, [], completeness(plan))


def invalid(plan: LinePlan, errors: int, name: str) -> IntakeResult:
    problems = [Problem("x", Severity.ERROR, name, message="Virhe") for _ in range(errors)]
    return IntakeResult(Path(name), plan, problems, completeness(plan))


def open_book(data: bytes):
    return load_workbook(io.BytesIO(data))


def table_rows(ws, name: str) -> list[dict]:
    """The rows of the Excel table NAME as dicts keyed by header."""
    ref = ws.tables[name].ref
    rows = [[c.value for c in row] for row in ws[ref]]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:] if any(v is not None for v in row)]


def sheet(book, ctx, key: str):
    return book[ctx.labels.get(f"county.sheets.{key}")]


def h(ctx, section: str, key: str) -> str:
    return ctx.labels.get(f"county.{section}.headers.{key}")


D = dt.date
OMAOLO_LINES = [
    ok(make_plan("NAO", services=["chat", "chat", "forms"],
                 systems=[("Omaolo", D(2027, 3, 31), D(2027, 4, 1), "in_progress")],
                 tasks=[("Myöhässä oleva", D(2026, 10, 1), "in_progress"), ("Valmis", D(2026, 10, 1), "done"),
                        ("Tuleva", D(2027, 1, 1), None)],
                 milestones=[("chat", "Chat auki", "phase", D(2026, 9, 1), D(2027, 1, 31))],
                 risks=[(3, 4), (3, 4), (5, 5)], resources=[1.5, 0.5])),
    ok(make_plan("KAT", services=["video"], systems=[("omaolo ", D(2027, 9, 30), D(2027, 10, 1), "not_started"),
                                                      ("Foo ", D(2027, 1, 1), None, None)],
                 milestones=[("video", "Video", "milestone", D(2027, 6, 1), None)], risks=[(1, 1)], resources=[2])),
    ok(make_plan("EHK", services=["messages", "health_data"],
                 systems=[("OMAOLO-palvelu", D(2027, 6, 30), D(2027, 4, 1), None), ("foo", None, None, None)],
                 tasks=[("Ohi", D(2026, 11, 24), "on_hold")], resources=[0.25])),
]


@pytest.fixture(scope="module")
def omaolo_book(ctx):
    return open_book(render_county_workbook(OMAOLO_LINES, ctx))


# --- the summary -------------------------------------------------------------------------------------------------

def test_area_and_county_totals_equal_the_sum_of_the_lines(omaolo_book, ctx):
    ws = sheet(omaolo_book, ctx, "summary")
    lines = table_rows(ws, "Lines")
    totals = {row[h(ctx, "summary", "area")]: row for row in table_rows(ws, "AreaTotals")}
    numeric = [ctx.reference.channel_name(c) for c in ctx.reference.channel_order] + [
        ctx.labels.get("county.summary.wave", number=n) for n in (1, 2)] + [
        h(ctx, "summary", k) for k in ("services_total", "open_tasks", "overdue_tasks", "systems_to_exit")]
    checked = 0
    for area in ctx.reference.organisation.areas:
        for header in numeric:
            expected = sum(r[header] or 0 for r in lines if r[h(ctx, "summary", "area")] == area.name)
            assert (totals[area.name][header] or 0) == expected, (area.name, header)
            checked += expected
    assert checked > 0
    county_row = ws.tables["AreaTotals"].ref.split(":")[1]
    county = int(re.sub(r"\D", "", county_row)) + 1
    assert ws.cell(county, 1).value == ctx.labels.get("county.summary.county")
    header_cells = [c.value for c in ws[int(re.sub(r"\D", "", ws.tables["AreaTotals"].ref.split(":")[0]))]]
    for header in numeric:
        col = header_cells.index(header) + 1
        assert ws.cell(county, col).value == sum(t[header] or 0 for t in totals.values())
    services = h(ctx, "summary", "services_total")
    assert ws.cell(county, header_cells.index(services) + 1).value == 6


def test_summary_counts_overdue_tasks_and_chart(omaolo_book, ctx):
    ws = sheet(omaolo_book, ctx, "summary")
    rows = {r[h(ctx, "summary", "code")]: r for r in table_rows(ws, "Lines")}
    assert rows["NAO"][h(ctx, "summary", "open_tasks")] == 2
    assert rows["NAO"][h(ctx, "summary", "overdue_tasks")] == 1     # done and future tasks are not overdue
    assert rows["EHK"][h(ctx, "summary", "overdue_tasks")] == 1     # due the day before as_of
    assert rows["NAO"][h(ctx, "summary", "first")] == dt.datetime(2026, 9, 1)
    assert ws._charts, "summary has a native chart"


def test_every_line_of_the_organisation_is_listed(omaolo_book, ctx):
    rows = table_rows(sheet(omaolo_book, ctx, "summary"), "Lines")
    assert [r[h(ctx, "summary", "code")] for r in rows] == ctx.reference.line_codes
    missing = ctx.labels.get("common.states.missing")
    assert {r[h(ctx, "summary", "code")] for r in rows if r[h(ctx, "summary", "state")] == missing} == (
        set(ctx.reference.line_codes) - {"NAO", "KAT", "EHK"})


def test_invalid_and_unreadable_workbooks_are_listed_not_dropped(ctx):
    broken = invalid(make_plan("AP", services=["chat"] * 4), 3, "AP_luonnos.xlsx")
    unreadable = IntakeResult(Path("SP-rikki.xlsx"), None, [Problem("file", Severity.ERROR, "SP-rikki.xlsx")])
    book = open_book(render_county_workbook([*OMAOLO_LINES, broken, unreadable], ctx))
    rows = {r[h(ctx, "summary", "file")]: r for r in table_rows(sheet(book, ctx, "summary"), "Lines")}
    assert rows["AP_luonnos.xlsx"][h(ctx, "summary", "state")] == ctx.labels.get("common.states.invalid")
    checks = {r[h(ctx, "summary", "file")]: r for r in table_rows(sheet(book, ctx, "checks"), "Checks")}
    assert checks["AP_luonnos.xlsx"][h(ctx, "summary", "errors")] == 3        # validation detail: its own sheet
    assert h(ctx, "summary", "errors") not in rows["AP_luonnos.xlsx"]
    assert rows["AP_luonnos.xlsx"][h(ctx, "summary", "services_total")] is None   # not counted
    assert rows["SP-rikki.xlsx"][h(ctx, "summary", "state")] == ctx.labels.get("common.states.unreadable")
    assert rows["SP-rikki.xlsx"][h(ctx, "summary", "code")] == "SP"             # told from the file name
    codes = [r[h(ctx, "summary", "code")] for r in table_rows(sheet(book, ctx, "summary"), "Lines")]
    assert codes.count("AP") == 1 and codes.count("SP") == 1                      # not also listed as missing
    services = table_rows(sheet(book, ctx, "services"), "Services")
    assert {r[h(ctx, "services", "code")] for r in services} == {"NAO", "KAT", "EHK"}


def test_an_older_valid_workbook_of_the_same_line_is_not_counted_twice(ctx):
    old = ok(make_plan("NAO", services=["chat"] * 9, version=dt.date(2025, 1, 1)), "NAO_vanha.xlsx")
    old.superseded_by = "NAO.xlsx"        # as reading the folder decides (tests/test_intake_folders.py)
    book = open_book(render_county_workbook([*OMAOLO_LINES, old], ctx))
    rows = {r[h(ctx, "summary", "file")]: r for r in table_rows(sheet(book, ctx, "summary"), "Lines")}
    assert rows["NAO_vanha.xlsx"][h(ctx, "summary", "state")] == ctx.labels.get("common.states.duplicate")
    assert rows["NAO.xlsx"][h(ctx, "summary", "services_total")] == 3
    totals = table_rows(sheet(book, ctx, "summary"), "AreaTotals")
    assert totals[0][h(ctx, "summary", "services_total")] == 4


def test_an_optional_sheet_left_empty_is_shown_as_empty_not_as_complete(ctx):
    plan = make_plan("NAO", services=["chat"])                 # no systems, nothing given up
    book = open_book(render_county_workbook([ok(plan)], ctx))
    [row] = [r for r in table_rows(sheet(book, ctx, "completeness"), "Completeness") if r["Linja"] == "NAO"]
    assert row[ctx.labels.get("intake.sheets.systems.name")] == "tyhjä"
    assert row[ctx.labels.get("intake.sheets.giveups.name")] == "tyhjä"
    assert row[ctx.labels.get("intake.sheets.services.name")] < 1


# --- exit plans --------------------------------------------------------------------------------------------------

def test_system_used_by_three_lines_shows_all_and_the_latest_exit(omaolo_book, ctx):
    rows = {r[h(ctx, "systems", "name")]: r for r in table_rows(sheet(omaolo_book, ctx, "systems"), "SystemExits")}
    omaolo = rows["Omaolo"]
    for code in ("NAO", "KAT", "EHK"):
        assert code in omaolo[h(ctx, "systems", "lines")]
    assert omaolo[h(ctx, "systems", "shutdown")] == dt.datetime(2027, 9, 30)
    # EHK exits after its replacement is in use, but no cost runs on (none given): not delayed (issue 21; the
    # delayed case with a cost is in tests/test_exits_money.py)
    assert not omaolo[h(ctx, "systems", "blockers")]
    assert omaolo[h(ctx, "systems", "state")] == ctx.labels.get("county.systems.states.scheduled")
    per_line = table_rows(sheet(omaolo_book, ctx, "system_lines"), "SystemExitLines")
    assert sorted(r[h(ctx, "system_lines", "code")] for r in per_line
                  if r[h(ctx, "system_lines", "system")] == "Omaolo") == ["EHK", "KAT", "NAO"]


def test_line_without_exit_date_is_a_blocker(omaolo_book, ctx):
    rows = {r[h(ctx, "systems", "name")]: r for r in table_rows(sheet(omaolo_book, ctx, "systems"), "SystemExits")}
    foo = rows["Foo"]                                   # "Foo " (KAT) and "foo" (EHK) are one unknown system
    assert "KAT" in foo[h(ctx, "systems", "lines")] and "EHK" in foo[h(ctx, "systems", "lines")]
    assert foo[h(ctx, "systems", "known")] == ctx.labels.get("county.workbook.no")
    assert foo[h(ctx, "systems", "state")] == ctx.labels.get("county.systems.states.blocked")
    assert foo[h(ctx, "systems", "shutdown")] is None
    assert foo[h(ctx, "systems", "reason")] == ctx.labels.get("county.systems.reasons.blocked", lines="EHK")
    assert foo[h(ctx, "systems", "blockers")] == ctx.labels.get("county.systems.blockers.no_exit_date", line="EHK")
    per_line = table_rows(sheet(omaolo_book, ctx, "system_lines"), "SystemExitLines")
    ehk = next(r for r in per_line if r[h(ctx, "system_lines", "system")] == "Foo"
               and r[h(ctx, "system_lines", "code")] == "EHK")
    assert ehk[h(ctx, "system_lines", "blocker")] == ctx.labels.get("county.system_lines.blockers.no_exit_date")


KEEPING_LINES = [
    ok(make_plan("NAO", systems=[("Tekstiviestipalvelu", D(2027, 3, 31), D(2027, 4, 1), None,
                                  {"yearly_cost": 12000, "contract_end": D(2027, 12, 31), "notice_months": 6}),
                                 ("Webropol", D(2027, 2, 28), D(2027, 3, 1), None, {"yearly_cost": 3000}),
                                 ("Omaolo", D(2027, 5, 31), D(2027, 6, 1), None, {"yearly_cost": 20000}),
                                 ("Vanha ajanvaraus", None, None, None, {"decision": None})],
                 services=["chat"])),
    ok(make_plan("KAT", systems=[("tekstiviestipalvelu", None, None, None,
                                  {"decision": "keep", "keeps": "Muistutukset jatkuvat"}),
                                 ("Webropol", D(2027, 1, 31), D(2027, 2, 1), None,
                                  {"decision": "keep_partly", "keeps": "Kyselyt henkilöstölle"}),
                                 ("Omaolo", D(2027, 8, 15), D(2027, 9, 1), None, {"yearly_cost": 5000})],
                 services=["video"])),
]


@pytest.fixture(scope="module")
def keeping_book(ctx):
    return open_book(render_county_workbook(KEEPING_LINES, ctx))


def systems_rows(book, ctx) -> dict[str, dict]:
    return {r[h(ctx, "systems", "name")]: r for r in table_rows(sheet(book, ctx, "systems"), "SystemExits")}


def test_a_kept_system_is_never_date_missing(keeping_book, ctx):
    rows = systems_rows(keeping_book, ctx)
    sms = rows["Tekstiviestipalvelu"]
    assert sms[h(ctx, "systems", "state")] == ctx.labels.get("county.systems.states.kept")
    assert sms[h(ctx, "systems", "shutdown")] is None
    assert sms[h(ctx, "systems", "reason")] == ctx.labels.get("county.systems.reasons.kept", lines="KAT")
    assert not sms[h(ctx, "systems", "blockers")]               # nobody is chased for a date that will not come
    assert "KAT" in sms[h(ctx, "systems", "keepers")] and "Muistutukset jatkuvat" in sms[h(ctx, "systems", "keepers")]
    webropol = rows["Webropol"]
    assert webropol[h(ctx, "systems", "state")] == ctx.labels.get("county.systems.states.kept_partly")
    maisa = rows["Vanha ajanvaraus"]                 # NAO has not decided: that holds the shutdown up
    assert maisa[h(ctx, "systems", "state")] == ctx.labels.get("county.systems.states.blocked")
    assert maisa[h(ctx, "systems", "blockers")] == ctx.labels.get("county.systems.blockers.no_decision", line="NAO")


def test_shutdown_possible_holds_only_dates_or_blanks_and_saving_follows_the_costs(keeping_book, omaolo_book, ctx):
    for book in (keeping_book, omaolo_book):
        for row in systems_rows(book, ctx).values():
            value = row[h(ctx, "systems", "shutdown")]
            assert value is None or isinstance(value, dt.datetime), value
    omaolo = systems_rows(keeping_book, ctx)["Omaolo"]
    assert omaolo[h(ctx, "systems", "shutdown")] == dt.datetime(2027, 8, 15)
    assert omaolo[h(ctx, "systems", "saving")] == 25000
    assert systems_rows(keeping_book, ctx)["Tekstiviestipalvelu"][h(ctx, "systems", "saving")] is None


def test_shutdowns_per_quarter_add_up_to_the_systems_with_a_date(keeping_book, omaolo_book, ctx):
    for book in (keeping_book, omaolo_book):
        dated = [r for r in systems_rows(book, ctx).values() if r[h(ctx, "systems", "shutdown")]]
        ws = sheet(book, ctx, "shutdowns")
        quarters = table_rows(ws, "Shutdowns")
        assert sum(q[h(ctx, "shutdowns", "count")] for q in quarters) == len(dated)
        assert sum(q[h(ctx, "shutdowns", "saving")] for q in quarters) == \
            sum(r[h(ctx, "systems", "saving")] or 0 for r in dated)
        charts = ws._charts
        assert len(charts) == 2
        ref = charts[0].series[0].val.numRef.f
        assert ref.endswith(f"$B$5:$B${4 + len(quarters)}" if len(quarters) > 1 else "$B$5"), ref
    quarters = table_rows(sheet(keeping_book, ctx, "shutdowns"), "Shutdowns")
    assert [q[h(ctx, "shutdowns", "quarter")] for q in quarters] == ["Q3/2027"]   # Omaolo, 15.8.2027


def test_legend_explains_every_state(keeping_book, ctx):
    ws = sheet(keeping_book, ctx, "legend")
    texts = {c.value for row in ws.iter_rows() for c in row if c.value}
    for state in ctx.labels.node("county.systems.states").values():
        assert state in texts
    assert ctx.labels.get("county.systems.headers.known") in texts


def test_gantt_marks_golives_and_shutdowns(ctx):
    plan = make_plan("NAO", services=["chat"], systems=[("Omaolo", D(2027, 3, 31), D(2027, 4, 1), None)],
                     milestones=[("chat", "Chat auki", "phase", D(2026, 9, 1), D(2027, 1, 31))])
    plan.services[0] = plan.services[0].model_copy(update={"target_golive": D(2027, 2, 1)})
    book = open_book(render_county_workbook([ok(plan)], ctx))
    ws = sheet(book, ctx, "gantt")
    rows = table_rows(ws, "Gantt")
    kinds = {r[h(ctx, "gantt", "name")]: r[h(ctx, "gantt", "kind")] for r in rows}
    assert kinds == {"Chat auki": "Vaihe", "Palvelu 1": ctx.labels.get("county.gantt.kinds.golive"),
                     "Omaolo": ctx.labels.get("county.gantt.kinds.shutdown")}
    header = [c.value for c in ws[4]]
    marks = {}
    for row in ws.iter_rows(min_row=5, max_row=4 + len(rows)):
        for cell in row:
            if cell.value in ("▲", "✖"):
                marks[cell.value] = header[cell.column - 1]
    assert marks == {"▲": dt.datetime(2027, 2, 1), "✖": dt.datetime(2027, 3, 1)}


def test_system_names_match_across_case_spacing_and_punctuation(reference):
    assert canonical_system("omaolo ", reference) == "Omaolo"
    assert canonical_system("  OMAOLO  ", reference) == "Omaolo"
    assert canonical_system("Omaolo-palvelu", reference) == "Omaolo"
    assert canonical_system("case m", reference) == "CaseM lomakepalvelu"
    assert canonical_system("DF / omaperhe", reference) == "DigiFinland Omaperhe"
    assert canonical_system("Tuntematon järjestelmä", reference) is None
    assert canonical_system("", reference) is None
    assert match_key("Foo ") == match_key("foo")
    assert suggest_system("Omaolu", reference) == "Omaolo"
    assert suggest_system("Webropoll", reference) == "Webropol"
    assert suggest_system("omaolo", reference) is None            # known: nothing to suggest
    assert suggest_system("Kokonaan muu", reference) is None


# --- safety and structure ----------------------------------------------------------------------------------------

def hostile_results() -> list[IntakeResult]:
    texts = HOSTILE_TEXTS + ["-5 astetta", "@käyttäjä", "+358 40 123", "=1+1", "x" * 40_000]
    plan = make_plan("NAO", services=["chat"] * len(texts), systems=[(t, None, None, None) for t in texts],
                     tasks=[(t, D(2026, 1, 1), None) for t in texts],
                     milestones=[("chat", t, "phase", D(2026, 1, 1), D(2026, 2, 1)) for t in texts])
    for service, value in zip(plan.services, texts, strict=True):
        service.name = value
        service.description = value
    plan.basics.line_name = HOSTILE_TEXTS[2]
    return [ok(plan)]


def test_user_text_is_never_a_formula(ctx):
    book = open_book(render_county_workbook(hostile_results(), ctx))
    starts = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    assert cell.data_type == "s"
                    starts.append(cell.value)
    assert HOSTILE_TEXTS[2] in starts
    assert "=1+1" in starts and "@käyttäjä" in starts and "-5 astetta" in starts
    services = table_rows(sheet(book, ctx, "services"), "Services")
    names = [r[h(ctx, "services", "name")] for r in services]
    assert "Rivi yksi\nRivi kaksi\npehmeä rivinvaihtoohjausmerkki" in names    # \x0b → newline, \x01 dropped
    assert max(len(n) for n in names) == 32_767                                # Excel's cell limit


def test_sheet_and_table_names_are_valid_and_print_setup(omaolo_book, ctx):
    table_names = []
    for ws in omaolo_book.worksheets:
        assert len(ws.title) <= 31 and not re.search(r"[\[\]:*?/\\]", ws.title)
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows and ws.freeze_panes
        for table in ws.tables.values():
            table_names.append(table.displayName.lower())
            headers = [c.value for c in ws[table.ref][0]]
            assert all(isinstance(v, str) for v in headers)
            assert len({v.lower() for v in headers}) == len(headers), (ws.title, table.displayName)
            assert table.autoFilter is not None
    assert len(table_names) == len(set(table_names)) >= 10
    assert [ws.title for ws in omaolo_book.worksheets][:3] == [
        ctx.labels.get(f"county.sheets.{k}") for k in ("summary", "gantt", "systems")]
    assert sheet_title("Järjestelmät ja exit-suunnitelma: [vanhat]/uudet?") == "Järjestelmät ja exit-suunnitelm"
    assert table_name("2 taulu") == "t_2_taulu" and table_name("AB12") == "t_AB12"


def test_dates_are_real_dates_with_the_finnish_format(omaolo_book, ctx):
    ws = sheet(omaolo_book, ctx, "tasks")
    due_col = [c.value for c in ws[4]].index(h(ctx, "tasks", "due")) + 1
    cell = ws.cell(5, due_col)
    assert isinstance(cell.value, dt.datetime) and cell.number_format == "d.m.yyyy"


def test_tasks_flag_overdue_against_as_of(omaolo_book, ctx):
    rows = table_rows(sheet(omaolo_book, ctx, "tasks"), "Tasks")
    flagged = {r[h(ctx, "tasks", "item")] for r in rows if r[h(ctx, "tasks", "overdue")]}
    assert flagged == {"Myöhässä oleva", "Ohi"}


def test_gantt_has_month_columns_bars_and_the_current_month(omaolo_book, ctx):
    ws = sheet(omaolo_book, ctx, "gantt")
    header = [c.value for c in ws[4]]
    months = [v for v in header[9:] if isinstance(v, dt.datetime)]
    # from the first phase to the last system exit (KAT's Omaolo, 30.9.2027)
    assert months[0] == dt.datetime(2026, 9, 1) and months[-1] == dt.datetime(2027, 9, 1) and len(months) == 13
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert len(rules) == 4 and all(r.type == "expression" for r in rules)
    assert any('="Myöhässä"' in r.formula[0] for r in rules)              # the colour reads the state column
    assert not any("DATE(2026,11,26)" in r.formula[0] for r in rules)     # and never re-derives it from dates
    states = {r[h(ctx, "gantt", "name")]: r[h(ctx, "gantt", "state")] for r in table_rows(ws, "Gantt")}
    assert states["Chat auki"] == "Käynnissä"                             # 1.9.2026–31.1.2027 on 26.11.2026
    current = header.index(dt.datetime(2026, 11, 1)) + 1
    assert ws.cell(4, current).fill.start_color.rgb.endswith("FFD966")
    assert {r[h(ctx, "gantt", "name")] for r in table_rows(ws, "Gantt")} == {"Chat auki", "Video", "Omaolo", "Foo"}


def test_risk_matrix_and_resources_per_area(omaolo_book, ctx):
    ws = sheet(omaolo_book, ctx, "risks")
    left = 11                                           # after the risk table and one empty column
    grid = {(ws.cell(4, left + lk).value, ws.cell(4 + off, left).value): ws.cell(4 + off, left + lk).value
            for lk in range(1, 6) for off in range(1, 6)}
    assert grid[(3, 4)] == 2 and grid[(5, 5)] == 1 and grid[(1, 1)] == 1 and sum(grid.values()) == 4
    totals = {r[h(ctx, "resources", "area")]: r[ctx.labels.get("county.resources.total_headers.new_need")]
              for r in table_rows(sheet(omaolo_book, ctx, "resources"), "ResourceAreas")}
    assert totals["Ikääntyneiden palvelut"] == 4.0 and totals["Lasten, nuorten ja perheiden palvelut"] == 0.25


def test_same_results_give_the_same_bytes(ctx):
    first = render_county_workbook(OMAOLO_LINES, ctx)
    assert first == render_county_workbook(OMAOLO_LINES, ctx)
    core = zipfile.ZipFile(io.BytesIO(first)).read("docProps/core.xml").decode()
    assert "2026-11-26T00:00:00Z" in core and core.count("2026-11-26") == 2


def test_samples_and_a_stress_plan_render(ctx):
    codes = sample_codes()
    if not codes:
        pytest.skip("no sample plans yet")
    results = [ok(load_sample(code)) for code in codes]
    results.append(ok(stress_plan(load_sample(codes[0])), "stress.xlsx"))
    book = open_book(render_county_workbook(results, ctx))
    rows = table_rows(sheet(book, ctx, "summary"), "Lines")
    assert len(rows) >= len(ctx.reference.line_codes)


@pytest.mark.office
def test_converts_with_libreoffice(ctx, renders):
    pdf = renders.pdfs("county")["county"]         # the spread's lines; every sample's in CI (tests/renders.py)
    assert pdf.stat().st_size > 10_000
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert ctx.labels.get("county.systems.title") in text

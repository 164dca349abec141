"""Every validation rule names the right sheet, cell and message; all problems of a workbook come at once."""
from __future__ import annotations

import datetime as dt

import pytest
from intake_helpers import edit, header_column, sample_file

from pipeline.intake.load import read_intake
from pipeline.schema import SCHEMA_VERSION


@pytest.fixture()
def nao(tmp_path, reference, labels):
    return sample_file(tmp_path, reference, labels, "NAO")


def problems_after(path, change, reference, labels):
    edit(path, change)
    return read_intake(path, reference, labels).problems


def only(problems, code):
    found = [p for p in problems if p.code == code]
    assert found, f"no {code} in {[p.code for p in problems]}"
    return found[0]


def set_cell(sheet_name, header, row, value):
    def change(book):
        sheet = book[sheet_name]
        sheet.cell(row, header_column(sheet, header)).value = value
    return change


def test_impossible_date_names_sheet_cell_and_value(nao, reference, labels):
    problems = problems_after(nao, set_cell("Kehittämispolku", "Alkaa", 2, "31.2.2025"), reference, labels)
    problem = only(problems, "date.invalid")
    assert (problem.sheet, problem.cell, problem.field) == ("Kehittämispolku", "D2", "Alkaa")
    assert problem.message == "Päivämäärää ”31.2.2025” ei ole olemassa."
    assert problem.severity.value == "error"


def test_text_that_is_no_date(nao, reference, labels):
    problem = only(problems_after(nao, set_cell("Tehtävät", "Määräpäivä", 3, "ensi viikolla"), reference, labels),
                   "date.format")
    assert (problem.sheet, problem.cell) == ("Tehtävät", "F3")
    assert problem.hint == "Kirjoita päivämäärä muodossa p.k.vvvv, esim. 1.4.2025."


def test_deleted_sheet(nao, reference, labels):
    problems = problems_after(nao, lambda book: book.remove(book["Riskit ja riippuvuudet"]), reference, labels)
    problem = only(problems, "sheet.missing")
    assert problem.sheet == "Riskit ja riippuvuudet"
    assert problem.message == "Välilehti ”Riskit ja riippuvuudet” puuttuu."


def test_renamed_header_names_its_cell(nao, reference, labels):
    problems = problems_after(nao, lambda book: book["Palvelut"].cell(1, 5, "Nimi"), reference, labels)
    problem = only(problems, "column.renamed")
    assert (problem.sheet, problem.cell) == ("Palvelut", "E1")
    assert problem.message == "Sarake ”Palvelun nimi” puuttuu; sen paikalla on tuntematon otsikko ”Nimi”."


def test_unknown_channel_and_phase(nao, reference, labels):
    def change(book):
        set_cell("Palvelut", "Kanava", 2, "Faksi")(book)
        set_cell("Palvelut", "Asiakasohjauksen vaihe", 3, "Joskus")(book)
    problems = problems_after(nao, change, reference, labels)
    cells = {(p.cell, p.value) for p in problems if p.code == "choice.invalid"}
    assert cells == {("B2", "Faksi"), ("C3", "Joskus")}
    channel = next(p for p in problems if p.value == "Faksi")
    assert channel.hint.startswith("Valitse arvo solun pudotusvalikosta: Chat, Kiireettömät viestit, Lomakkeet")


def test_end_before_start(nao, reference, labels):
    def change(book):
        set_cell("Kehittämispolku", "Alkaa", 2, "1.6.2027")(book)
        set_cell("Kehittämispolku", "Päättyy", 2, "1.3.2027")(book)
    problem = only(problems_after(nao, change, reference, labels), "date.end_before_start")
    assert (problem.sheet, problem.cell) == ("Kehittämispolku", "E2")
    assert problem.message == "Päättymispäivä 1.3.2027 on ennen alkamispäivää 1.6.2027."


def test_missing_required_field(nao, reference, labels):
    problem = only(problems_after(nao, set_cell("Palvelut", "Palvelun nimi", 2, None), reference, labels),
                   "field.missing")
    assert (problem.sheet, problem.cell, problem.message) == ("Palvelut", "E2",
                                                              "Pakollinen tieto ”Palvelun nimi” puuttuu.")


def test_unknown_line_code(nao, reference, labels):
    problem = only(problems_after(nao, lambda b: b["Perustiedot"].cell(3, 2, "XYZ"), reference, labels),
                   "choice.invalid")
    assert (problem.sheet, problem.cell, problem.value) == ("Perustiedot", "B3", "XYZ")


def test_duplicate_ids_and_dangling_references(nao, reference, labels):
    def change(book):
        set_cell("Palvelut", "Tunniste", 3, "P01")(book)
        set_cell("Tehtävät", "Palvelu (tunniste)", 2, "P77")(book)
    problems = problems_after(nao, change, reference, labels)
    duplicate = only(problems, "id.duplicate")
    assert (duplicate.cell, duplicate.message) == ("A3", "Tunniste ”P01” on käytössä jo rivillä 2.")
    dangling = only(problems, "id.unknown_ref")
    assert (dangling.sheet, dangling.cell) == ("Tehtävät", "D2")
    assert dangling.message == "Tunnistetta ”P77” ei löydy välilehdeltä ”Palvelut”."


def test_formula_without_cached_value(nao, reference, labels):
    problem = only(problems_after(nao, set_cell("Tavoitteet ja mittarit", "Tavoitetaso", 2, "=1+1"), reference,
                                  labels), "text.formula")
    assert problem.cell == "F2"
    assert "Avaa ja tallenna työkirja Excelissä" in problem.hint


def test_control_character_is_cleaned_with_a_warning(nao, reference, labels):
    edit(nao, set_cell("Palvelut", "Palvelun kuvaus", 2, "Ensin_x000B_sitten_x0001_"))
    result = read_intake(nao, reference, labels)
    problem = only(result.problems, "text.control_chars")
    assert problem.severity.value == "warning" and problem.cell == "F2"
    assert result.plan.services[0].description == "Ensin\nsitten"
    assert result.valid


def test_every_problem_of_a_workbook_comes_at_once(nao, reference, labels):
    def change(book):
        set_cell("Kehittämispolku", "Alkaa", 2, "31.2.2025")(book)
        set_cell("Palvelut", "Kanava", 2, "Faksi")(book)
        book.remove(book["Viestintä"])
    codes = {p.code for p in problems_after(nao, change, reference, labels)}
    assert {"date.invalid", "choice.invalid", "sheet.missing"} <= codes


def test_older_schema_version_asks_for_an_upgrade(nao, reference, labels):
    problem = only(problems_after(nao, lambda b: b["_digiplan"].cell(1, 2, SCHEMA_VERSION - 1), reference, labels),
                   "schema.old_version")
    assert "digiplan intake upgrade" in problem.hint


def test_numbers_risks_and_fte(nao, reference, labels):
    def change(book):
        set_cell("Riskit ja riippuvuudet", "Todennäköisyys (1–5)", 2, 7)(book)
        set_cell("Resursointi", "Resurssitarve (htv)", 2, "puoli")(book)
        set_cell("Tavoitteet ja mittarit", "Lähtötaso", 2, "12,5")(book)
    result = read_intake(edit(nao, change), reference, labels)
    assert only(result.problems, "number.range").message == "Luku ”7” ei ole väliltä 1–5."
    assert only(result.problems, "number.invalid").cell.startswith("E")
    assert result.plan.goals[0].baseline == 12.5


def test_system_name_close_to_a_known_one_is_warned(nao, reference, labels):
    problem = only(problems_after(nao, set_cell("Järjestelmät", "Järjestelmä", 2, "Omaollo"), reference, labels),
                   "system.unknown_name")
    assert problem.severity.value == "warning" and "Omaolo" in problem.message


def test_phase_without_end_is_warned(nao, reference, labels):
    def change(book):
        sheet = book["Kehittämispolku"]
        row = next(r for r in range(2, sheet.max_row + 1)
                   if sheet.cell(r, header_column(sheet, "Tyyppi")).value == "Vaihe")
        sheet.cell(row, header_column(sheet, "Päättyy")).value = None
    problem = only(problems_after(nao, change, reference, labels), "date.phase_without_end")
    assert problem.severity.value == "warning" and problem.cell.startswith("E")


def test_task_channel_must_match_its_service(nao, reference, labels):
    def change(book):
        tasks = book["Tehtävät"]
        tasks.cell(2, header_column(tasks, "Palvelu (tunniste)")).value = "P01"
        tasks.cell(2, header_column(tasks, "Kanava")).value = "Konsultaatiot"
    problem = only(problems_after(nao, change, reference, labels), "channel.service_mismatch")
    assert (problem.sheet, problem.cell, problem.severity.value) == ("Tehtävät", "C2", "warning")
    assert problem.message.startswith("Palvelu P01 kuuluu kanavaan ")


def set_system(**values):
    """Row 2 of Järjestelmät with the given headers → values (the rest as the sample has them)."""
    def change(book):
        sheet = book["Järjestelmät"]
        for header, value in values.items():
            sheet.cell(2, header_column(sheet, header)).value = value
    return change


def system_problem(nao, reference, labels, code, **values):
    defaults = {"Päätös": "Luovutaan", "Tila": "Käynnissä", "Korvaava täysin käytössä": "1.3.2027",
                "Käytöstä luopuminen": "31.3.2027", "Mikä säilyy": None, "Sopimus päättyy": None,
                "Irtisanomisaika (kk)": None}
    edit(nao, set_system(**{**defaults, **values}))
    problems = read_intake(nao, reference, labels, as_of=dt.date(2026, 11, 26)).problems
    found = [p for p in problems if p.code == code and p.sheet == "Järjestelmät" and p.cell.endswith("2")]
    return found[0] if found else None


def column_of(nao, header):
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    return get_column_letter(header_column(load_workbook(nao)["Järjestelmät"], header))


def test_system_without_decision_is_warned_at_its_decision_cell(nao, reference, labels):
    problem = system_problem(nao, reference, labels, "system.no_decision", **{"Päätös": None})
    assert problem and problem.cell == f"{column_of(nao, 'Päätös')}2" and problem.severity.value == "warning"
    assert system_problem(nao, reference, labels, "system.no_decision") is None


def test_done_system_with_a_future_exit_date_is_warned(nao, reference, labels):
    problem = system_problem(nao, reference, labels, "system.done_future_exit", **{"Tila": "Valmis"})
    assert problem and problem.cell == f"{column_of(nao, 'Tila')}2"
    assert "31.3.2027" in problem.message
    assert system_problem(nao, reference, labels, "system.done_future_exit",
                          **{"Tila": "Valmis", "Käytöstä luopuminen": "1.10.2026"}) is None


def test_exit_before_the_replacement_takes_over_is_warned(nao, reference, labels):
    problem = system_problem(nao, reference, labels, "system.exit_before_replacement",
                             **{"Käytöstä luopuminen": "31.1.2027"})
    assert problem and problem.cell == f"{column_of(nao, 'Käytöstä luopuminen')}2"
    assert "31.1.2027" in problem.message and "1.3.2027" in problem.message
    assert system_problem(nao, reference, labels, "system.exit_before_replacement") is None


def test_notice_period_that_can_no_longer_be_met_is_warned(nao, reference, labels):
    # the contract ends 31.3.2027 with 6 months' notice: notice was due 30.9.2026, before the build date
    problem = system_problem(nao, reference, labels, "system.notice_too_late",
                             **{"Sopimus päättyy": "31.3.2027", "Irtisanomisaika (kk)": 6})
    assert problem and problem.cell == f"{column_of(nao, 'Irtisanomisaika (kk)')}2"
    assert "30.9.2026" in problem.message
    assert system_problem(nao, reference, labels, "system.notice_too_late",
                          **{"Sopimus päättyy": "31.12.2027", "Irtisanomisaika (kk)": 6}) is None


def test_kept_system_with_an_exit_date_and_partly_kept_without_what_are_warned(nao, reference, labels):
    problem = system_problem(nao, reference, labels, "system.keep_with_exit_date", **{"Päätös": "Säilyy"})
    assert problem and problem.cell == f"{column_of(nao, 'Käytöstä luopuminen')}2"
    problem = system_problem(nao, reference, labels, "system.keep_partly_without_what", **{"Päätös": "Säilyy osittain"})
    assert problem and problem.cell == f"{column_of(nao, 'Mikä säilyy')}2"


def test_placeholder_and_guide_example_are_warned_at_their_cells(nao, reference, labels):
    def change(book):
        goals = book["Tavoitteet ja mittarit"]
        goals.cell(2, header_column(goals, "Mittari")).value = "Ammattilainen hoitaa N kontaktia päivässä"
        services = book["Palvelut"]
        services.cell(2, header_column(services, "Käyttötapaus")).value = \
            "Työikäisenä naisena tarvitsen nopeaa apua virtsaamisen sattumiseen."
        basics = book["Perustiedot"]
        note = next(r for r in range(1, basics.max_row + 1) if basics.cell(r, 1).value == "Huomautus")
        basics.cell(note, 2).value = "<palvelulinjan nimi>"
    problems = problems_after(nao, change, reference, labels)
    placeholders = {(p.sheet, p.value) for p in problems if p.code == "placeholder.text"}
    assert ("Tavoitteet ja mittarit", "N") in placeholders
    assert ("Perustiedot", "<palvelulinjan nimi>") in placeholders
    example = only(problems, "placeholder.example")
    assert example.sheet == "Palvelut" and example.cell.endswith("2")

"""Nothing typed is dropped without a message naming its cell: cells outside the template, renamed and missing sheets,
merged cells, hyperlinks, cells of spaces, and values shown as the user typed them."""
from __future__ import annotations

import re
import zipfile

import pytest
from intake_helpers import edit, header_column, sample_file

from pipeline.intake.load import read_intake


@pytest.fixture()
def nao(tmp_path, reference, labels):
    return sample_file(tmp_path, reference, labels, "NAO")


def read_after(path, change, reference, labels):
    return read_intake(edit(path, change), reference, labels)


def found(result, code):
    return [p for p in result.problems if p.code == code]


# --- item 4: cells that are not read ------------------------------------------------------------------------------

def test_text_in_a_column_without_header_is_reported_with_its_cells(nao, reference, labels):
    def change(book):
        book["Palvelut"]["U2"] = "Tärkeä lisätieto"
        book["Palvelut"]["U4"] = "Toinen"
    result = read_after(nao, change, reference, labels)
    [warning] = found(result, "unread.no_header")
    assert (warning.sheet, warning.cell, warning.severity.value) == ("Palvelut", "U2", "warning")
    assert warning.message == "Sarakkeella U ei ole otsikkoa, joten sen tietoja ei lueta: U2, U4."
    assert result.valid


def test_a_row_inserted_into_the_basics_form_is_reported_and_the_rest_read(nao, reference, labels):
    def change(book):
        basics = book["Perustiedot"]
        basics.insert_rows(6)
        basics["A6"], basics["B6"] = "Varahenkilö", "Matti Meikäläinen"
    result = read_after(nao, change, reference, labels)
    [warning] = found(result, "unread.row")
    assert (warning.sheet, warning.cell) == ("Perustiedot", "B6")
    assert warning.message == "Rivi ”Varahenkilö” ei kuulu pohjaan, joten sen tietoa ”Matti Meikäläinen” ei lueta."
    assert result.valid and result.plan.basics.management       # the rows below were found where they moved


def test_text_beside_the_form_and_above_a_table_is_reported(nao, reference, labels):
    tasks = len(read_intake(nao, reference, labels).plan.tasks)

    def change(book):
        book["Perustiedot"]["D3"] = "sivuhuomio"
        tasks = book["Tehtävät"]
        tasks.insert_rows(1)
        tasks["A1"] = "Tehtävälista syksy"
    result = read_after(nao, change, reference, labels)
    cells = {(p.sheet, p.cell, p.message) for p in found(result, "unread.cell")}
    assert cells == {
        ("Perustiedot", "D3", "Solun tietoa ”sivuhuomio” ei lueta, koska solu on pohjan sarakkeiden ja rivien "
                              "ulkopuolella."),
        ("Tehtävät", "A1", "Solun tietoa ”Tehtävälista syksy” ei lueta, koska solu on pohjan sarakkeiden ja "
                           "rivien ulkopuolella."),
    }
    assert len(result.plan.tasks) == tasks and result.valid


def test_a_column_the_template_does_not_know_lists_its_filled_cells(nao, reference, labels):
    def change(book):
        goals = book["Tavoitteet ja mittarit"]
        goals["J1"], goals["J3"] = "Lisätiedot", "Katso liite"
    [warning] = found(read_after(nao, change, reference, labels), "column.unknown_data")
    assert (warning.cell, warning.message) == ("J1", "Sarake ”Lisätiedot” ei kuulu pohjaan, joten sen tietoja ei "
                                                     "lueta: J3.")


def test_a_sheet_of_ones_own_is_reported_by_its_first_filled_cell(nao, reference, labels):
    def change(book):
        book.create_sheet("Muistiinpanot")["B2"] = "Kysy Annalta"
    [warning] = found(read_after(nao, change, reference, labels), "unread.sheet")
    assert (warning.sheet, warning.cell) == ("Muistiinpanot", "B2")
    assert warning.message == ("Välilehteä ”Muistiinpanot” ei lueta, koska se ei kuulu pohjaan; siinä on tietoa "
                               "(esim. ”Kysy Annalta”).")


# --- item 4: a hyperlink keeps its target ----------------------------------------------------------------------

TEAMS = "https://teams.example.invalid/l/channel/nao"


def _cache_formula_value(path, cell: str, value: str) -> None:
    """Store VALUE as the formula's result in CELL, as LibreOffice and Excel do when they save a recalculated
    workbook (openpyxl writes formulas without one)."""
    data = {}
    with zipfile.ZipFile(path) as archive:
        for item in archive.infolist():
            data[item.filename] = archive.read(item.filename)
    pattern = re.compile(rf'<c r="{cell}"([^>]*)><f>(HYPERLINK[^<]*)</f><v\s*/?>(</v>)?</c>'.encode())
    for name, xml in data.items():
        if name.startswith("xl/worksheets/") and pattern.search(xml):
            data[name] = pattern.sub(lambda m: b'<c r="' + cell.encode() + b'" t="str"><f>' + m.group(2)
                                     + b"</f><v>" + value.encode() + b"</v></c>", xml)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in data.items():
            archive.writestr(name, content)


def teams_formula(book):
    book["Perustiedot"]["B8"] = f'=HYPERLINK("{TEAMS}","Teams-tila")'


def test_hyperlink_formula_recalculated_keeps_its_target(nao, reference, labels):
    edit(nao, teams_formula)
    _cache_formula_value(nao, "B8", "Teams-tila")
    result = read_intake(nao, reference, labels)
    assert result.plan.basics.teams_link == TEAMS
    assert result.valid


def test_hyperlink_formula_never_calculated_keeps_its_label_and_target(nao, reference, labels):
    result = read_after(nao, teams_formula, reference, labels)
    assert result.plan.basics.teams_link == TEAMS
    assert not found(result, "text.formula")


# LibreOffice saving the formula's label as its value: tests/test_intake_workbook.py (one LibreOffice call).


def test_cell_hyperlink_keeps_its_target(nao, reference, labels):
    def change(book):
        book["Perustiedot"]["B8"] = "Teams"
        book["Perustiedot"]["B8"].hyperlink = TEAMS
    assert read_after(nao, change, reference, labels).plan.basics.teams_link == TEAMS


# --- item 5 (reading): renamed and missing sheets ------------------------------------------------------------

def test_renamed_sheet_is_recognised_by_its_headers(nao, reference, labels):
    before = read_intake(nao, reference, labels).plan
    result = read_after(nao, lambda book: setattr(book["Palvelut"], "title", "Palvelut 2025"), reference, labels)
    assert result.plan.services == before.services
    [warning] = result.warnings
    assert (warning.sheet, warning.cell) == ("Palvelut 2025", "A1")
    assert warning.message == ("Välilehti ”Palvelut 2025” luettiin välilehtenä ”Palvelut”, koska sen "
                               "sarakeotsikot ovat samat.")
    assert warning.hint == "Nimeä välilehti takaisin nimelle ”Palvelut”."


def test_a_missing_optional_sheet_is_a_warning(nao, reference, labels):
    result = read_after(nao, lambda book: book.remove(book["Luovuttavat asiat"]), reference, labels)
    assert result.valid and result.plan.giveups == []
    [warning] = found(result, "sheet.missing_optional")
    assert warning.message == "Välilehti ”Luovuttavat asiat” puuttuu, joten suunnitelmassa ei ole sen tietoja."


# --- item 7: merged cells --------------------------------------------------------------------------------------

def test_merged_cells_in_data_get_their_own_message(nao, reference, labels):
    def change(book):
        services = book["Palvelut"]
        services["B3"] = None
        services.merge_cells("B2:B3")
    result = read_after(nao, change, reference, labels)
    [error] = found(result, "cell.merged")
    assert (error.sheet, error.cell) == ("Palvelut", "B2")
    assert error.message == "Solut B2:B3 on yhdistetty, joten arvo luetaan vain solusta B2."
    assert error.hint == "Pura solujen yhdistäminen ja kirjoita arvo jokaiseen soluun erikseen."
    assert not [p for p in result.problems if p.cell == "B3"]          # not "Täytä solu"


# --- also seen: spaces, values as typed, allowed values whole ---------------------------------------------------

def test_a_space_in_an_empty_row_is_a_warning_not_a_row_of_missing_values(nao, reference, labels):
    tasks = len(read_intake(nao, reference, labels).plan.tasks)

    def change(book):
        book["Tehtävät"]["B40"] = " "
    result = read_after(nao, change, reference, labels)
    assert [(p.code, p.cell, p.severity.value) for p in result.problems] == [("text.blank", "B40", "warning")]
    assert result.problems[0].message == "Solussa on vain välilyöntejä, joten se luetaan tyhjänä."
    assert len(result.plan.tasks) == tasks


def test_a_required_cell_of_spaces_says_so(nao, reference, labels):
    result = read_after(nao, lambda book: book["Palvelut"].__setitem__("E2", "  "), reference, labels)
    [error] = result.errors
    assert (error.code, error.cell) == ("field.blank", "E2")
    assert error.message == "Pakollinen tieto ”Palvelun nimi” puuttuu: solussa on vain välilyöntejä."


def test_messages_show_values_as_the_user_typed_them(nao, reference, labels):
    def change(book):
        services = book["Palvelut"]
        services.cell(2, header_column(services, "Järjestelmät (tunnisteet)")).value = "J02 ja J03"
        services.cell(3, 1).value = "p 1x"
        path = book["Kehittämispolku"]
        path.cell(2, header_column(path, "Alkaa")).value = 2027
    result = read_after(nao, change, reference, labels)
    messages = {(p.sheet, p.cell): p.message for p in result.errors}
    assert messages["Palvelut", "M2"] == "”J02 ja J03” ei ole luettelo tunnisteista."
    assert messages["Palvelut", "A3"] == "Tunniste ”p 1x” ei ole muotoa P01."
    assert messages["Kehittämispolku", "D2"] == ("”2027” on pelkkä vuosi, ei päivämäärä (solu näyttää sen päivänä "
                                                 "19.7.1905).")
    year = next(p for p in result.errors if (p.sheet, p.cell) == ("Kehittämispolku", "D2"))
    assert year.hint == "Kirjoita koko päivämäärä muodossa p.k.vvvv, esim. 1.1.2027."


def test_allowed_values_are_listed_whole(nao, reference, labels):
    [error] = read_after(nao, lambda book: book["Palvelut"].__setitem__("B2", "Faksi"), reference, labels).errors
    assert error.hint == ("Valitse arvo solun pudotusvalikosta: Chat, Kiireettömät viestit, Lomakkeet, "
                          "Videotapaamiset, Konsultaatiot, Terveys- ja hyvinvointitiedot.")


def test_a_reference_picked_with_its_name_reads_as_the_id(nao, reference, labels):
    def change(book):
        tasks = book["Tehtävät"]
        column = header_column(tasks, "Palvelu (tunniste)")
        tasks.cell(2, column).value = "P01 Päivystysapu"
        tasks.cell(3, column).value = "P01 ja P02"
    result = read_after(nao, change, reference, labels)
    assert result.plan.tasks[0].service == "P01"
    assert [(p.cell, p.message) for p in result.errors] == [("D3", "Tunniste ”P01 ja P02” ei ole muotoa P01.")]

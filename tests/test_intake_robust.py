"""What people really type in Excel (issue 22): a stray keystroke far away, percentages, formula errors, values in the
help column, notes under a table, comments, hyperlinks, Finnish thousands dots and invisible characters. Each case
asserts the message, its cell, and that nothing typed was dropped or misread."""
from __future__ import annotations

import re
import resource
import zipfile
from pathlib import Path

import pytest
from intake_helpers import edit, sample_file
from openpyxl.comments import Comment

from pipeline.intake.load import read_intake

MB = 1024          # ru_maxrss is in kilobytes on Linux


@pytest.fixture()
def nao(tmp_path, reference, labels):
    return sample_file(tmp_path, reference, labels, "NAO")


def found(result, code):
    return [p for p in result.problems if p.code == code]


def rewrite_sheet(path: Path, sheet_part: str, change) -> Path:
    """Let CHANGE(xml text) rewrite one sheet's XML inside the workbook at PATH, as Excel would have saved it."""
    with zipfile.ZipFile(path) as archive:
        data = {item.filename: archive.read(item.filename) for item in archive.infolist()}
    data[sheet_part] = change(data[sheet_part].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in data.items():
            archive.writestr(name, content)
    return path


def part_of(path: Path, title: str) -> str:
    """The XML part of the sheet called TITLE."""
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet[^>]*name="{title}"[^>]*r:id="(rId\d+)"', workbook).group(1)
    target = re.search(rf'<Relationship[^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or \
        re.search(rf'<Relationship[^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


class Bounded:
    """CPU seconds and peak memory of the test process around a read: generous bounds, never a wall clock."""

    def __enter__(self):
        self.cpu = resource.getrusage(resource.RUSAGE_SELF).ru_utime
        return self

    def __exit__(self, *exc):
        used = resource.getrusage(resource.RUSAGE_SELF)
        assert used.ru_utime - self.cpu < 10
        assert used.ru_maxrss < 600 * MB


# --- 1: a stray keystroke far from the table ---------------------------------------------------------------------

@pytest.mark.parametrize("cell", ["XFD1048576", "A1048576"])
def test_a_stray_value_far_away_is_warned_at_its_cell_and_the_plan_is_read(nao, reference, labels, cell):
    before = read_intake(nao, reference, labels).plan
    edit(nao, lambda book: book["Palvelut"].__setitem__(cell, "x"))
    with Bounded():
        result = read_intake(nao, reference, labels)
    [warning] = found(result, "unread.far")
    assert (warning.sheet, warning.cell, warning.severity.value) == ("Palvelut", cell, "warning")
    assert warning.message == (f"Solun tietoa ”x” ei lueta, koska solu on kaukana pohjan taulukosta: {cell}.")
    assert warning.lost
    assert result.valid
    assert result.plan.services == before.services


def test_four_hundred_thousand_rows_are_refused_quickly_with_a_finnish_message(nao, reference, labels):
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>r{r}</t></is></c></row>'
                   for r in range(100, 400_100))
    rewrite_sheet(nao, part_of(nao, "Tehtävät"), lambda xml: xml.replace("</sheetData>", rows + "</sheetData>"))
    with Bounded():
        result = read_intake(nao, reference, labels)
    [error] = result.errors
    assert error.code == "file.too_many_cells"
    assert error.message.startswith("Työkirjaa ei voitu lukea: täytettyjä soluja on enemmän kuin 100\u00a0000")


# --- 2: percentages typed the Excel way --------------------------------------------------------------------------

PERCENT_METRIC = "Digitaalisten yhteydenottojen osuus kaikista yhteydenotoista"


@pytest.mark.parametrize(("baseline", "fmt", "shown"), [(0.35, "0%", 35.0), (0.075, "0.0 %", 7.5)])
def test_a_percent_formatted_number_reads_as_the_percentage_shown(nao, reference, labels, baseline, fmt, shown):
    def change(book):
        sheet = book["Tavoitteet ja mittarit"]
        sheet["C2"], sheet["D2"], sheet["E2"], sheet["F2"] = PERCENT_METRIC, "%", baseline, 0.7
        sheet["E2"].number_format = fmt
        sheet["F2"].number_format = "0%"
    result = read_intake(edit(nao, change), reference, labels)
    goal = result.plan.goals[0]
    assert (goal.baseline, goal.target) == (shown, 70.0)


# --- 8: values that would vanish ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("cell", "error"), [("E3", "#DIV/0!"), ("F2", "#NAME?")])
def test_a_formula_showing_an_error_is_an_error_at_its_cell(nao, reference, labels, cell, error):
    def change(xml):
        pattern = re.compile(rf'<c r="{cell}"[^>]*?(/>|>.*?</c>)')
        return pattern.sub(f'<c r="{cell}" t="e"><f>1/0</f><v>{error}</v></c>', xml, count=1)
    rewrite_sheet(nao, part_of(nao, "Resursointi"), change)
    result = read_intake(nao, reference, labels)
    [problem] = found(result, "cell.error")
    assert (problem.sheet, problem.cell, problem.severity.value) == ("Resursointi", cell, "error")
    assert problem.message == f"Solun kaava näyttää virheen {error}, joten solua ei voi lukea."


@pytest.mark.parametrize(("cell", "value", "shown"), [("C12", 48000, "48000"), ("C8", "https://teams.example/x",
                                                                                 "https://teams.example/x")])
def test_a_value_typed_in_the_help_column_is_warned(nao, reference, labels, cell, value, shown):
    def change(book):
        book["Perustiedot"][cell] = value
        if isinstance(value, str):
            book["Perustiedot"]["B" + cell[1:]] = None
    result = read_intake(edit(nao, change), reference, labels)
    [warning] = found(result, "unread.help")
    assert (warning.sheet, warning.cell) == ("Perustiedot", cell)
    assert warning.message == f"Ohjesarakkeeseen kirjoitettua tietoa ”{shown}” ei lueta."
    assert warning.hint == f"Kirjoita tieto saman rivin soluun B{cell[1:]}."


def test_the_help_texts_of_the_template_are_not_warned(nao, reference, labels):
    assert not found(read_intake(nao, reference, labels), "unread.help")


@pytest.mark.parametrize(("sheet", "cell", "note"), [("Palvelut", "A12", "Huom: lisää palveluita tulossa"),
                                                      ("Järjestelmät", "A9", "Tarkistetaan Annalta")])
def test_a_note_under_a_table_in_its_id_column_is_warned(nao, reference, labels, sheet, cell, note):
    result = read_intake(edit(nao, lambda book: book[sheet].__setitem__(cell, note)), reference, labels)
    [warning] = found(result, "unread.id_note")
    assert (warning.sheet, warning.cell) == (sheet, cell)
    assert note in warning.message


@pytest.mark.parametrize(("sheet", "cell"), [("Palvelut", "E2"), ("Perustiedot", "B4")])
def test_a_cell_comment_is_warned_at_its_cell(nao, reference, labels, sheet, cell):
    def change(book):
        book[sheet][cell].comment = Comment("Tarkista hinta Jukalta", "Tiina")
    result = read_intake(edit(nao, change), reference, labels)
    [warning] = found(result, "unread.comment")
    assert (warning.sheet, warning.cell) == (sheet, cell)
    assert "Tarkista hinta Jukalta" in warning.message


# As LibreOffice stores them in an .ods: a formula showing an error (marked so since LibreOffice 4, and only shown in
# an older file), and a comment (office:annotation, with its author and date) on a filled cell.
ODS_ERROR = ('<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" '
             'calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>')
ODS_OLD_ERROR = ('<table:table-cell table:formula="of:=[.X1]+1" office:value-type="string" office:string-value="">'
                 '<text:p>Err:502</text:p></table:table-cell>')
ODS_COMMENTED = ('<table:table-cell office:value-type="string"><office:annotation><dc:creator>Tiina</dc:creator>'
                 '<dc:date>2026-12-07T00:00:00</dc:date><text:p>Tarkista hinta</text:p><text:p>Jukalta</text:p>'
                 '</office:annotation><text:p>P01</text:p></table:table-cell>')
ODS_TEXT_LIKE_AN_ERROR = '<table:table-cell office:value-type="string"><text:p>#N/A</text:p></table:table-cell>'


def test_an_ods_formula_error_and_comment_are_kept_as_in_an_xlsx(tmp_path):
    from pipeline.intake.reader import read_raw
    rows = (f'<table:table-row>{_cell("Tunniste")}{ODS_ERROR}{ODS_OLD_ERROR}</table:table-row>'
            f'<table:table-row>{ODS_COMMENTED}{ODS_TEXT_LIKE_AN_ERROR}</table:table-row>')
    path = _ods(tmp_path / "calc.ods", rows)
    content = zipfile.ZipFile(path).read("content.xml").decode().replace(
        'office:version="1.3"', 'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    sheet = read_raw(path).sheets["Palvelut"]
    assert sheet.errors == {(1, 2): "#DIV/0!", (1, 3): "Err:502"}
    assert sheet.comments == {(2, 1): "Tarkista hinta\nJukalta"}
    assert sheet.rows == [["Tunniste"], ["P01", "#N/A"]]        # typed text that only looks like an error


# --- 7: a Finnish thousands dot ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("cell", "typed", "whole", "spaced"), [("E2", "48.000", "48000", "48\u00a0000"),
                                                                 ("F3", "12.500", "12500", "12\u00a0500")])
def test_a_thousands_dot_is_an_error_with_the_fix(nao, reference, labels, cell, typed, whole, spaced):
    result = read_intake(edit(nao, lambda book: book["Tavoitteet ja mittarit"].__setitem__(cell, typed)),
                         reference, labels)
    [error] = found(result, "number.thousands_dot")
    assert (error.sheet, error.cell) == ("Tavoitteet ja mittarit", cell)
    assert error.message == f"”{typed}” on epäselvä: piste voi olla tuhaterotin tai desimaalierotin."
    assert error.hint.startswith(f"Kirjoita {whole} tai {spaced}, tai desimaaliluku pilkulla")


def test_a_decimal_dot_that_cannot_be_a_thousands_dot_still_reads(nao, reference, labels):
    result = read_intake(edit(nao, lambda book: book["Tavoitteet ja mittarit"].__setitem__("E2", "0.125")),
                         reference, labels)
    assert result.plan.goals[0].baseline == 0.125
    assert not found(result, "number.thousands_dot")


# --- 11: invisible characters ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "channel"), [("Videotapaamiset\u200b", "Videotapaamiset"),
                                                ("\ufeffVideo\u00adtapaamiset", "Videotapaamiset"),
                                                ("Kiireettömät\u00a0viestit", "Kiireettömät viestit")])
def test_invisible_characters_are_removed_before_matching(nao, reference, labels, typed, channel):
    result = read_intake(edit(nao, lambda book: book["Palvelut"].__setitem__("B2", typed)), reference, labels)
    assert result.plan.services[0].channel == next(c.code for c in reference.channels if c.name == channel)
    assert not found(result, "choice.invalid")


@pytest.mark.parametrize(("typed", "shown"), [("Chatti\u200b", "Chatti⟨U+200B⟩"),
                                              ("P\u00a0x1", "P⟨U+00A0⟩x1")])
def test_a_message_quoting_a_value_shows_its_invisible_characters(nao, reference, labels, typed, shown):
    cell = "B2" if typed.startswith("Chat") else "A2"
    result = read_intake(edit(nao, lambda book: book["Palvelut"].__setitem__(cell, typed)), reference, labels)
    [error] = [p for p in result.errors if (p.sheet, p.cell) == ("Palvelut", cell)]
    assert f"”{shown}”" in error.message


def test_an_id_with_a_no_break_space_reads(nao, reference, labels):
    result = read_intake(edit(nao, lambda book: book["Palvelut"].__setitem__("A2", "P\u00a001")), reference, labels)
    assert result.plan.services[0].id == "P01"
    assert result.valid


# --- 1 and 2 in an OpenDocument workbook ---------------------------------------------------------------------------

def _ods(path: Path, rows: str) -> Path:
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
               f'<office:body><office:spreadsheet><table:table table:name="Palvelut">{rows}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return path


def _cell(value: str, kind: str = "string") -> str:
    if kind == "string":
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="{kind}" office:value="{value}"><text:p>x</text:p></table:table-cell>'


@pytest.mark.parametrize(("skip_rows", "skip_columns", "cell"), [(1048573, 16383, "XFD1048576"),
                                                                (1048573, 0, "A1048576")])
def test_an_ods_stray_cell_far_away_costs_one_cell(tmp_path, skip_rows, skip_columns, cell):
    from pipeline.intake.reader import read_raw
    empty = f'<table:table-cell table:number-columns-repeated="{skip_columns}"/>' if skip_columns else ""
    rows = (f'<table:table-row>{_cell("Tunniste")}{_cell("Osuus")}</table:table-row>'
            f'<table:table-row>{_cell("P01")}{_cell("0.35", "percentage")}</table:table-row>'
            f'<table:table-row table:number-rows-repeated="{skip_rows}"><table:table-cell '
            'table:number-columns-repeated="16384"/></table:table-row>'
            f'<table:table-row>{empty}{_cell("x")}</table:table-row>')
    with Bounded():
        raw = read_raw(_ods(tmp_path / "calc.ods", rows))
    sheet = raw.sheets["Palvelut"]
    assert sheet.rows == [["Tunniste", "Osuus"], ["P01", 35.0]]
    from pipeline.intake.sheetxml import cell_index
    assert sheet.far == {cell_index(cell): "x"}


def test_the_drop_down_lists_sheet_is_listed_but_its_cells_never_parsed(nao, reference, labels):
    """digiplan's own lists sheet (half a workbook's cells at the stress shape) is skipped by the reader: a damaged
    lists sheet changes nothing, and the sheet is still there by name."""
    from pipeline.intake.sheetxml import sheet_parts
    before = read_intake(nao, reference, labels)
    with zipfile.ZipFile(nao) as archive:
        part = sheet_parts(archive)["Luettelot"]
    rewrite_sheet(nao, part, lambda xml: xml.replace("<sheetData>", "<sheetData><row r=\"1\"><c r=\"A1\"><v>broken"))
    after = read_intake(nao, reference, labels)
    assert [p.code for p in after.problems] == [p.code for p in before.problems]
    assert after.plan == before.plan and after.plan is not None
    from pipeline.exceptions import IntakeError
    from pipeline.intake.reader import read_raw
    assert read_raw(nao, skip=lambda name: name == "Luettelot").sheets["Luettelot"].rows == []
    with pytest.raises(IntakeError) as refused:                 # the same damage, parsed, is refused
        read_raw(nao)
    assert refused.value.code == "file.corrupt"

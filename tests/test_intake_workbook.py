"""The blank workbook and the round trip: blank → filled like a user would → read → model."""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from conftest import AS_OF, convert
from intake_helpers import edit, header_column, sample_file, write_plan
from openpyxl import load_workbook

from pipeline.intake.load import read_intake
from pipeline.intake.writer import blank_plan, write_workbook
from pipeline.samples import load_sample, sample_codes
from pipeline.schema import SHEETS, Phase, Service, sheet


@pytest.fixture()
def blank(tmp_path, reference, labels):
    path = tmp_path / "NAO.xlsx"
    path.write_bytes(write_workbook(blank_plan("NAO", reference), reference, labels))
    return path


def test_blank_workbook_has_every_sheet_in_schema_order(blank, labels):
    book = load_workbook(blank)
    expected = [labels.get(f"intake.sheets.{s.key}.name") for s in SHEETS]
    visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    assert visible == [labels.get("intake.workbook.instructions_sheet"), *expected]
    assert book[labels.get("intake.workbook.lists_sheet")].sheet_state == "hidden"


def test_blank_workbook_headers_tables_and_freeze(blank, labels):
    book = load_workbook(blank)
    services = book["Palvelut"]
    headers = [c.value for c in services[1]]
    assert headers[:5] == ["Tunniste *", "Kanava *", "Asiakasohjauksen vaihe *", "Käyttötapaus *", "Palvelun nimi *"]
    assert "T_services" in services.tables
    assert services.freeze_panes == "B2"
    assert services.column_dimensions["E"].width == 26


def test_blank_workbook_dropdowns_use_the_hidden_list_sheet(blank):
    book = load_workbook(blank)
    rules = {str(dv.sqref): dv for dv in book["Palvelut"].data_validations.dataValidation}
    channel = rules["B2:B500"]
    assert channel.type == "list" and channel.formula1.startswith("'Luettelot'!$")
    lists = book["Luettelot"]
    column = channel.formula1.split("$")[1]
    names = [lists[f"{column}{row}"].value for row in range(2, 8)]
    assert names == ["Chat", "Kiireettömät viestit", "Lomakkeet", "Videotapaamiset", "Konsultaatiot",
                     "Terveys- ja hyvinvointitiedot"]
    assert all(dv.type != "list" or dv.formula1.startswith("'Luettelot'!") for dv in rules.values())
    assert channel.prompt and "1. aalto" in channel.prompt


def test_blank_workbook_dates_are_validated_and_shown_finnish(blank):
    sheet = load_workbook(blank)["Kehittämispolku"]
    column = header_column(sheet, "Alkaa")
    assert sheet.cell(2, column).number_format == "d.m.yyyy"
    kinds = {dv.type for dv in sheet.data_validations.dataValidation}
    assert "date" in kinds


def test_blank_workbook_prefills_basics_workshops_and_checklist(blank, reference):
    book = load_workbook(blank)
    basics = {row[0].value.rstrip(" *"): row[1].value for row in book["Perustiedot"].iter_rows(min_row=2)}
    assert basics["Palvelualue"] == "Ikääntyneiden palvelut"
    assert basics["Palvelulinjan tunnus"] == "NAO"
    workshops = [r[1].value for r in book["Työpajat"].iter_rows(min_row=2) if r[1].value]
    assert workshops == [w.name for w in reference.workshops]
    items = [r[0].value for r in book["Käyttöönoton valmius"].iter_rows(min_row=2) if r[0].value]
    assert items == reference.readiness_items


def test_instructions_sheet_is_written_from_the_guide(blank):
    text = " ".join(str(c.value) for row in load_workbook(blank)["Ohjeet"].iter_rows() for c in row if c.value)
    assert "Ketä kaikkia muutos koskee?" in text
    assert "Muutoksen tarina ja resursoinnin suunnitelma" in text
    assert "Kehittämispolku" in text
    assert "Palvelut › Palvelun nimi Päivystysapu" in text          # the guide's examples


def test_blank_workbook_reads_back_with_only_the_missing_basics(blank, reference, labels):
    result = read_intake(blank, reference, labels)
    assert [(p.sheet, p.cell) for p in result.errors] == [("Perustiedot", "B4"), ("Perustiedot", "B5"),
                                                          ("Perustiedot", "B9")]


def test_round_trip_of_a_workbook_filled_like_a_user_would(blank, reference, labels):
    def fill(book):
        basics = book["Perustiedot"]
        basics["B4"] = "  Neuvonta ja asiakasohjaus  "
        basics["B5"] = "Anna_x000B_Virtanen"      # how Excel stores a pasted \x0b
        basics["B9"] = "1.4.2025"
        services = book["Palvelut"]
        services["A1"] = "  TUNNISTE "          # header case and stray spaces
        for column, value in enumerate(["p1", "chat", "ennen asiakkuutta", "Tarvitsen apua", "Neuvontachat",
                                        "Kuvaus", "", "Työikäiset"], 1):
            services.cell(2, column, value)
        services.cell(2, header_column(services, "Tavoiteltu käyttöönotto"), 45748)  # Excel serial date
        services.cell(30, 3).number_format = "d.m.yyyy"                          # formatted, empty row
    edit(blank, fill)
    result = read_intake(blank, reference, labels)
    plan = result.plan
    assert plan.basics.line_name == "Neuvonta ja asiakasohjaus"
    assert plan.basics.facilitator == "Anna\nVirtanen"
    assert plan.basics.version_date == dt.date(2025, 4, 1)
    assert plan.services == [Service(id="P01", channel="chat", phase=Phase.BEFORE, use_case="Tarvitsen apua",
                                     name="Neuvontachat", description="Kuvaus", customer_groups="Työikäiset",
                                     target_golive=dt.date(2025, 4, 1))]
    assert [(p.code, p.cell) for p in result.warnings] == [("text.control_chars", "B5")]
    assert result.errors == []


@pytest.mark.parametrize("code", sample_codes())
def test_every_sample_round_trips_through_the_writer_and_reader(code, tmp_path, reference, labels):
    plan = load_sample(code)
    result = read_intake(write_plan(plan, tmp_path / "x.xlsx", reference, labels), reference, labels, as_of=AS_OF)
    assert result.problems == []
    assert result.plan == plan


def test_shipped_input_workbooks_match_the_sample_data(reference, labels):
    from pipeline.paths import DEFAULT_INPUT, OutputLayout
    layout = OutputLayout.of(DEFAULT_INPUT, labels)
    for code in sample_codes():
        result = read_intake(layout.sample_workbook(code), reference, labels, as_of=AS_OF)
        assert result.problems == [], code
        assert result.plan == load_sample(code), f"{code}: run `make intake` to regenerate input_workbooks/"


def test_writer_is_reproducible_and_never_touches_its_input(tmp_path, reference, labels):
    plan = load_sample("NAO")
    assert write_workbook(plan, reference, labels) == write_workbook(plan, reference, labels)
    path = sample_file(tmp_path, reference, labels)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    read_intake(path, reference, labels)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_user_text_starting_with_equals_stays_text(tmp_path, reference, labels):
    plan = load_sample("NAO")
    plan.services[0].description = '=HYPERLINK("http://example.invalid","x")'
    path = write_plan(plan, tmp_path / "x.xlsx", reference, labels)
    cell = load_workbook(path)["Palvelut"]["F2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert read_intake(path, reference, labels).plan.services[0].description == plan.services[0].description


def test_completeness_is_reported_per_section(tmp_path, reference, labels):
    result = read_intake(sample_file(tmp_path, reference, labels), reference, labels)
    by_sheet = {c.sheet: c for c in result.completeness}
    assert set(by_sheet) == {s.key for s in SHEETS}
    assert by_sheet["basics"].expected == len(sheet("basics").fields) == 11
    assert by_sheet["basics"].filled == 11                                    # the NAO sample fills every field
    assert 0 < result.overall_completeness <= 1


@pytest.mark.office
def test_blank_workbook_opens_in_libreoffice(blank, tmp_path):
    pdf, = convert([blank], "pdf", tmp_path / "pdf")
    assert pdf.stat().st_size > 1000


@pytest.mark.office
def test_workbook_saved_again_in_libreoffice_reads_to_the_same_model(tmp_path, reference, labels):
    source = sample_file(tmp_path, reference, labels, "NAO")
    resaved, = convert([source], "xlsx:Calc MS Excel 2007 XML", tmp_path / "resaved")
    result = read_intake(resaved, reference, labels)
    assert result.problems == []
    assert result.plan == load_sample("NAO")


def test_writer_cleans_control_characters_in_plan_text(tmp_path, reference, labels):
    from pipeline.samples import stress_plan
    plan = stress_plan(load_sample("NAO"), services=30, text_length=500)
    result = read_intake(write_plan(plan, tmp_path / "x.xlsx", reference, labels), reference, labels)
    assert result.errors == []
    texts = [s.use_case for s in result.plan.services]
    assert not any("\x01" in t or "\x0b" in t for t in texts)
    assert any("Rivi kaksi\npehmeä rivinvaihto" in t for t in texts)

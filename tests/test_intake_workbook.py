"""The blank workbook and the round trip: blank → filled like a user would → read → model."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

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


@pytest.fixture(scope="module")
def blank_book(tmp_path_factory, reference, labels):
    """The blank NAO workbook opened once, for the tests that only look at it."""
    path = tmp_path_factory.mktemp("blank") / "NAO.xlsx"
    path.write_bytes(write_workbook(blank_plan("NAO", reference), reference, labels))
    return load_workbook(path)


def test_blank_workbook_has_every_sheet_in_schema_order(blank_book, labels):
    book = blank_book
    expected = [labels.get(f"intake.sheets.{s.key}.name") for s in SHEETS]
    visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    assert visible == [labels.get("intake.workbook.instructions_sheet"), *expected]
    assert book[labels.get("intake.workbook.lists_sheet")].sheet_state == "hidden"


def test_blank_workbook_headers_tables_and_freeze(blank_book, labels):
    book = blank_book
    services = book["Palvelut"]
    headers = [c.value for c in services[1]]
    assert headers[:5] == ["Tunniste *", "Kanava *", "Asiakasohjauksen vaihe *", "Käyttötapaus *", "Palvelun nimi *"]
    assert "T_services" in services.tables
    assert services.freeze_panes == "B2"
    assert services.column_dimensions["E"].width == 26


def test_blank_workbook_dropdowns_use_the_hidden_list_sheet(blank_book):
    book = blank_book
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


def test_blank_workbook_dates_are_validated_and_shown_finnish(blank_book):
    sheet = blank_book["Kehittämispolku"]
    column = header_column(sheet, "Alkaa")
    assert sheet.cell(2, column).number_format == "d.m.yyyy"
    kinds = {dv.type for dv in sheet.data_validations.dataValidation}
    assert "date" in kinds


def test_blank_workbook_prefills_basics_workshops_and_checklist(blank_book, reference):
    book = blank_book
    basics = {row[0].value.rstrip(" *"): row[1].value for row in book["Perustiedot"].iter_rows(min_row=2)}
    assert basics["Palvelualue"] == "Ikääntyneiden palvelut"
    assert basics["Palvelulinjan tunnus"] == "NAO"
    workshops = [r[1].value for r in book["Työpajat"].iter_rows(min_row=2) if r[1].value]
    assert workshops == [w.name for w in reference.workshops]
    items = [r[0].value for r in book["Käyttöönoton valmius"].iter_rows(min_row=2) if r[0].value]
    assert items == reference.readiness_items


def test_instructions_sheet_is_written_from_the_guide(blank_book):
    text = " ".join(str(c.value) for row in blank_book["Ohjeet"].iter_rows() for c in row if c.value)
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
    assert plan.basics.facilitator == "Anna Virtanen"      # the soft break read as a newline; a one-line column
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
def test_blank_workbook_opens_in_libreoffice(resaved, reference, labels):
    """LibreOffice opens the blank workbook and saves it again (in the one call below): it reads back as before."""
    result = read_intake(resaved["blank"], reference, labels)
    assert [(p.sheet, p.cell) for p in result.errors] == [("Perustiedot", "B4"), ("Perustiedot", "B5"),
                                                          ("Perustiedot", "B9")]


TEAMS = "https://teams.example.invalid/l/channel/nao"


@pytest.fixture(scope="module")
def resaved(tmp_path_factory, reference, labels) -> dict[str, Path]:
    """Workbooks opened and saved again by LibreOffice, all in one call: the NAO sample; the sample with its Teams
    link written as a HYPERLINK formula; a blank workbook with a service and a system named; the blank workbook."""
    folder = tmp_path_factory.mktemp("resaved")
    plans = {"sample": load_sample("NAO"), "linked": load_sample("NAO"), "named": blank_plan("NAO", reference),
             "blank": blank_plan("NAO", reference)}
    sources = {name: write_plan(plan, folder / f"{name}.xlsx", reference, labels) for name, plan in plans.items()}

    def link(book):
        book["Perustiedot"]["B8"] = f'=HYPERLINK("{TEAMS}","Teams-tila")'

    def name_a_service(book):
        book["Palvelut"]["E2"] = "Päivystysapu"
        book["Järjestelmät"]["B3"] = "Omaolo"
    edit(sources["linked"], link)
    edit(sources["named"], name_a_service)
    converted = convert(list(sources.values()), "xlsx:Calc MS Excel 2007 XML", folder / "out")
    return dict(zip(sources, converted, strict=True))


@pytest.mark.office
def test_workbook_saved_again_in_libreoffice_reads_to_the_same_model(resaved, reference, labels):
    result = read_intake(resaved["sample"], reference, labels)
    assert result.problems == []
    assert result.plan == load_sample("NAO")


@pytest.mark.office
def test_hyperlink_survives_libreoffice_saving_the_workbook(resaved, reference, labels):
    result = read_intake(resaved["linked"], reference, labels)
    assert result.plan.basics.teams_link == TEAMS
    assert result.valid


def test_writer_cleans_control_characters_in_plan_text(tmp_path, reference, labels):
    from tools.stress import stress_plan
    plan = stress_plan(load_sample("NAO"), services=30, text_length=500)
    result = read_intake(write_plan(plan, tmp_path / "x.xlsx", reference, labels), reference, labels)
    assert result.errors == []
    texts = [s.use_case for s in result.plan.services]
    assert not any("\x01" in t or "\x0b" in t for t in texts)
    assert any("Rivi kaksi\npehmeä rivinvaihto" in t for t in texts)


# --- the blank workbook, as a facilitator meets it ----------------------------------------------------------------

def test_blank_workbook_numbers_the_ids_in_advance_and_reads_them_as_empty_rows(blank, reference, labels):
    book = load_workbook(blank)
    assert [book["Palvelut"].cell(r, 1).value for r in range(2, 17)] == [f"P{n:02d}" for n in range(1, 16)]
    assert [book["Järjestelmät"].cell(r, 1).value for r in range(2, 4)] == ["J01", "J02"]
    plan = read_intake(blank, reference, labels).plan
    assert plan.services == [] and plan.systems == []


def rules_of(sheet):
    return {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}


def test_reference_columns_offer_the_ids_with_their_names(blank_book):
    book = blank_book
    tasks = book["Tehtävät"]
    rule = rules_of(tasks)[f"D2:D{500}"]
    assert tasks["D1"].value == "Palvelu (tunniste)"
    assert rule.type == "list" and not rule.showErrorMessage          # a bare ID typed by hand is accepted too
    lists = book["Luettelot"]
    column = rule.formula1.split("$")[1]
    assert lists[f"{column}1"].value == "Palvelut"
    assert lists[f"{column}2"].value == ("=IF(OR('Palvelut'!$A2=\"\",'Palvelut'!$E2=\"\"),\"\","
                                         "'Palvelut'!$A2&\" \"&'Palvelut'!$E2)")
    assert rule.prompt == ("Palvelun tunniste, jos asia koskee yhtä palvelua, esim. P01. Valitse luettelosta tai "
                           "kirjoita tunniste.")
    giveups = rules_of(book["Luovuttavat asiat"])
    system = lists[giveups["D2:D500"].formula1.split("$")[1] + "1"]
    assert system.value == "Järjestelmät"


@pytest.mark.office
def test_reference_list_follows_what_the_user_types_in_libreoffice(resaved):
    lists = load_workbook(resaved["named"], data_only=True)["Luettelot"]
    columns = {c.value: c.column_letter for c in lists[1]}
    assert [lists[f"{columns['Palvelut']}{r}"].value or "" for r in (2, 3)] == ["P01 Päivystysapu", ""]
    assert [lists[f"{columns['Järjestelmät']}{r}"].value or "" for r in (2, 3)] == ["", "J02 Omaolo"]


def test_multi_value_column_shows_its_allowed_values(blank_book):
    rule = rules_of(blank_book["Järjestelmät"])["D2:D500"]
    assert rule.prompt == ("Kanavat, joissa järjestelmää käytetään. Sallitut: Chat, Kiireettömät viestit, "
                           "Lomakkeet, Videotapaamiset, Konsultaatiot, Terveys- ja hyvinvointitiedot. Useita arvoja: "
                           "erota pilkulla.")


def test_date_cells_refuse_what_is_no_date_and_keep_the_format_on_every_row(blank_book):
    sheet = blank_book["Kehittämispolku"]
    rule = rules_of(sheet)["D2:D500"]
    assert rule.type == "date" and rule.showErrorMessage and rule.errorStyle == "stop"
    assert rule.error == ("Kirjoita päivämäärä muodossa p.k.vvvv, esim. 1.4.2025 (vuodet 2000–2100). Pelkkä "
                          "kuukausi tai vuosi ei käy.")
    assert rule.errorTitle == "Alkaa"
    assert sheet.column_dimensions["D"].number_format == "d.m.yyyy"     # rows below the table too
    assert sheet.cell(16, 4).number_format == "d.m.yyyy"


def test_number_cells_refuse_other_values_with_a_finnish_message(blank_book):
    rule = rules_of(blank_book["Riskit ja riippuvuudet"])["C2:C500"]
    assert rule.showErrorMessage and rule.error == "Kirjoita luku väliltä 1–5."


def test_every_prompt_fits_excel_whole_and_says_nothing_twice(reference, labels):
    from pipeline.intake.dropdowns import PROMPT_MAX, TITLE_MAX, fit, prompt_parts
    from pipeline.intake.fields import field_codecs
    for spec in SHEETS:
        for codec in field_codecs(spec, reference, labels):
            parts = [p for p in prompt_parts(codec, labels) if p]
            prompt = fit(parts)
            assert prompt == " ".join(parts), f"{spec.key}.{codec.name}: shorten the help text"
            assert len(prompt) <= PROMPT_MAX and len(codec.header) <= TITLE_MAX
            sentences = [s.strip().casefold() for s in prompt.replace("…", ".").split(". ") if s.strip()]
            assert len(sentences) == len(set(sentences)), prompt


def test_prompt_too_long_drops_whole_sentences_never_part_of_a_word():
    from pipeline.intake.dropdowns import fit
    text = fit(["Ensimmäinen lause kertoo asian. " * 6 + "Viimeinen.", "Esim. pitkä esimerkki " * 10], 120)
    assert text == "Ensimmäinen lause kertoo asian. Ensimmäinen lause kertoo asian. Ensimmäinen lause kertoo asian."
    assert fit(["sana " * 80], 50) == "sana sana sana sana sana sana sana sana sana…"


def test_required_columns_have_their_own_header_colour_in_the_named_font(blank_book, reference):
    style = reference.excel_style
    services = blank_book["Palvelut"]
    required, optional = services["A1"], services["G1"]
    assert required.value == "Tunniste *" and required.fill.fgColor.rgb == "00" + style.intake.required_header_fill
    assert optional.value == "Pääprosessi, palvelu tai polku" and optional.fill.fgColor.rgb == "00" + \
        style.intake.header_fill
    assert required.font.name == optional.font.name == style.font_name
    basics = blank_book["Perustiedot"]
    assert basics["A4"].value == "Palvelulinjan nimi *"
    assert basics["A4"].fill.fgColor.rgb == "00" + style.intake.required_header_fill
    assert basics["A6"].value == "Palvelulinjan johto" and basics["A6"].fill.fill_type is None


def test_line_name_is_prefilled_when_the_organisation_gives_it(tmp_path, reference, labels):
    areas = [a.model_copy(update={"line_names": {"NAO": "Neuvonta ja asiakasohjaus"}}) if "NAO" in a.lines else a
             for a in reference.organisation.areas]
    named = reference.model_copy(update={"organisation": reference.organisation.model_copy(update={"areas": areas})})
    path = tmp_path / "NAO.xlsx"
    path.write_bytes(write_workbook(blank_plan("NAO", named), named, labels))
    assert load_workbook(path)["Perustiedot"]["B4"].value == "Neuvonta ja asiakasohjaus"
    assert read_intake(path, named, labels).plan.basics.line_name == "Neuvonta ja asiakasohjaus"


def test_without_a_known_name_the_line_name_cell_says_what_to_write(blank_book):
    basics = blank_book["Perustiedot"]
    assert basics["B4"].value is None
    rule = next(dv for dv in basics.data_validations.dataValidation if str(dv.sqref) == "B4")
    assert rule.prompt == ("Kirjoita palvelulinjan koko nimi sellaisena kuin se näkyy suunnitelmassa (tunnus ja "
                           "palvelualue on täytetty valmiiksi).")


def test_hidden_list_sheet_has_finnish_headers(blank_book, reference, labels):
    from pipeline.intake.fields import field_codecs
    lists = blank_book["Luettelot"]
    headers = [c.value for c in lists[1]]
    assert headers[:4] == ["Palvelualue", "Palvelulinjan tunnus", "Suunnitelman tila", "Kokonaistilanne"]
    assert "Tyyppi (Tehtävät)" in headers and len(headers) == len(set(headers))
    keys = {c.list_key for spec in SHEETS for c in field_codecs(spec, reference, labels) if c.list_key}
    assert keys and not keys & set(headers)             # not the program's names (Phase, channel …)


def test_workbook_structure_is_protected_without_a_password(blank_book):
    security = blank_book.security
    assert security.lockStructure and not security.workbookPassword


def test_instructions_send_the_facilitator_to_the_liaison_manager(blank_book):
    text = " ".join(str(c.value) for row in blank_book["Ohjeet"].iter_rows() for c in row if c.value)
    assert "lähetä se digipalvelujen yhteyspäällikölle" in text
    assert "digiplan" not in text


def test_empty_optional_sheets_are_not_filled_rather_than_complete(tmp_path, reference, labels):
    from pipeline.report import completeness_line
    plan = load_sample("NAO")
    plan.systems, plan.giveups = [], []
    for service in plan.services:
        service.systems = []
    result = read_intake(write_plan(plan, tmp_path / "NAO.xlsx", reference, labels), reference, labels)
    by_sheet = {c.sheet: c for c in result.completeness}
    assert by_sheet["systems"].ratio is None and by_sheet["giveups"].ratio is None
    line = completeness_line(result, labels)
    assert "Luovuttavat asiat ei täytetty, Järjestelmät ei täytetty" in line
    assert "100 %" not in line.split("Tehtävät")[1].split(",")[1]

"""templates/data/excel-style.toml drives the colours of every Excel file; a broken value stops with a ConfigError."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import AS_OF
from intake_helpers import edit, header_column, sample_file, write_plan
from openpyxl import load_workbook

from pipeline.exceptions import ConfigError
from pipeline.intake.annotate import annotated_copy
from pipeline.intake.completeness import completeness
from pipeline.intake.load import read_intakes
from pipeline.intake.result import IntakeResult
from pipeline.paths import TEMPLATES
from pipeline.reference import STYLE_FILE, Reference
from pipeline.render.context import RenderContext
from pipeline.render.county.cells import HEADER_ROW, column_number
from pipeline.render.county.exit_sheets import SYSTEM_COLUMNS
from pipeline.render.county.workbook import render_county_workbook
from pipeline.samples import load_sample
from pipeline.view.exits import ExitState


def restyled(reference: Reference, section: str, **colours) -> Reference:
    """REFERENCE with the given keys of one section of excel-style.toml changed."""
    style = reference.excel_style
    part = getattr(style, section).model_copy(update=colours)
    return reference.model_copy(update={"excel_style": style.model_copy(update={section: part})})


def county_book(reference: Reference, labels):
    plan = load_sample("NAO")
    result = IntakeResult(Path("NAO.xlsx"), plan, [], completeness(plan))
    data = render_county_workbook([result], RenderContext(reference, labels, AS_OF))
    return load_workbook(io.BytesIO(data))


def summary_header(book, labels):
    return book[labels.get("county.sheets.summary")].cell(row=HEADER_ROW, column=1)


def test_shipped_file_gives_the_county_workbook_header_colour(reference, labels):
    cell = summary_header(county_book(reference, labels), labels)
    assert cell.fill.fgColor.rgb == "00" + reference.excel_style.county.header_fill
    assert cell.font.name == reference.excel_style.font_name


def test_changed_colour_and_font_reach_the_county_workbook(reference, labels):
    changed = restyled(reference, "county", header_fill="123456", header_text="ABCDEF")
    changed = changed.model_copy(update={"excel_style": changed.excel_style.model_copy(
        update={"font_name": "Carlito", "table_style": "TableStyleLight9"})})
    book = county_book(changed, labels)
    cell = summary_header(book, labels)
    assert (cell.fill.fgColor.rgb, cell.font.color.rgb, cell.font.name) == ("00123456", "00ABCDEF", "Carlito")
    tasks = book[labels.get("county.sheets.tasks")]
    assert tasks.cell(row=HEADER_ROW, column=1).fill.fgColor.rgb == "00123456"
    assert {t.tableStyleInfo.name for t in tasks.tables.values()} == {"TableStyleLight9"}


def test_changed_exit_state_colour_reaches_the_systems_sheet(reference, labels):
    colours = reference.excel_style.exit_states.blocked.model_copy(update={"fill": "0D0E0F"})
    changed = restyled(reference, "exit_states", **{state.value: colours for state in ExitState})
    ws = county_book(changed, labels)[labels.get("county.sheets.systems")]
    state = column_number(SYSTEM_COLUMNS, "state")
    assert ws.cell(row=HEADER_ROW + 1, column=state).value
    assert ws.cell(row=HEADER_ROW + 1, column=state).fill.fgColor.rgb == "000D0E0F"


def test_changed_gantt_colour_reaches_the_month_headers(reference, labels):
    changed = restyled(reference, "gantt", planned="0A0B0C")
    ws = county_book(changed, labels)[labels.get("county.sheets.gantt")]
    first_month = ws.cell(row=HEADER_ROW, column=11)          # after the ten columns (the last: the phase state)
    assert first_month.fill.fgColor.rgb == "000A0B0C"


def test_changed_colour_reaches_the_intake_workbook(tmp_path, reference, labels):
    changed = restyled(reference, "intake", header_fill="654321", required_header_fill="123456")
    path = write_plan(load_sample("NAO"), tmp_path / "NAO.xlsx", changed, labels)
    sheet = load_workbook(path)[labels.get("intake.sheets.services.name")]
    assert sheet["A1"].value == "Tunniste *" and sheet["A1"].fill.fgColor.rgb == "00123456"      # required
    assert sheet["G1"].value == "Pääprosessi, palvelu tai polku" and sheet["G1"].fill.fgColor.rgb == "00654321"


def test_annotated_copy_uses_the_given_colours(tmp_path, reference, labels):
    path = sample_file(tmp_path, reference, labels, "KAT")

    def change(book):
        sheet = book["Kehittämispolku"]
        sheet.cell(2, header_column(sheet, "Alkaa")).value = "31.2.2025"
    [result] = read_intakes([edit(path, change)], reference, labels)
    colours = reference.excel_style.annotations.model_copy(update={"error_fill": "0F0F0F"})
    style = reference.excel_style.model_copy(update={"annotations": colours})
    book = load_workbook(io.BytesIO(annotated_copy(result, style, labels)))
    assert book["Kehittämispolku"]["D2"].fill.fgColor.rgb == "000F0F0F"


def templates_with_style(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of templates/data whose excel-style.toml has OLD replaced by NEW."""
    root = tmp_path / "templates"
    shutil.copytree(TEMPLATES / "data", root / "data")
    style = root / "data" / STYLE_FILE
    text = style.read_text(encoding="utf-8")
    assert old in text
    style.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


@pytest.mark.parametrize("bad", ['"#1F3864"', '"1F386"', '"1F38645"', '"1G3864"', '"sininen"', "123"])
def test_bad_colour_is_a_config_error_naming_the_file_and_key(tmp_path, bad, labels):
    root = templates_with_style(tmp_path, 'header_fill = "1F3864"', f"header_fill = {bad}")
    with pytest.raises(ConfigError) as caught:
        Reference.load(root)
    assert caught.value.file == str(root / "data" / STYLE_FILE)
    text = caught.value.describe(labels)
    assert text.startswith(f"{root / 'data' / STYLE_FILE}: Kohdan ”county.header_fill” arvo ")
    assert "ei ole väri" in text or "ei kelpaa" in text


def test_missing_key_is_a_config_error(tmp_path, labels):
    root = templates_with_style(tmp_path, 'warning_fill = "FFE699"', "")
    with pytest.raises(ConfigError) as caught:
        Reference.load(root)
    assert "Kohta ”annotations.warning_fill” puuttuu." in caught.value.describe(labels)


def test_unknown_key_is_a_config_error(tmp_path, labels):
    root = templates_with_style(tmp_path, 'banner = "C00000"', 'banner = "C00000"\nbaner = "C00000"')
    with pytest.raises(ConfigError) as caught:
        Reference.load(root)
    assert "Tuntematon kohta ”intake.baner”." in caught.value.describe(labels)


def test_every_problem_of_every_data_file_is_reported_at_once(tmp_path, labels):
    """A misspelt key in metrics.toml and a broken colour are both named, with their files and keys."""
    root = templates_with_style(tmp_path, 'header_fill = "1F3864"', 'header_fill = "sininen"')
    metrics = root / "data" / "metrics.toml"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace('unit = "%"', 'unti = "%"', 1), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Reference.load(root)
    text = caught.value.describe(labels)
    assert f"{metrics}: Tuntematon kohta ”metrics[2].unti”." in text
    assert f"{metrics}: Kohta ”metrics[2].unit” puuttuu." in text
    assert "”county.header_fill”" in text
    assert len(text.splitlines()) == 3


def test_broken_toml_names_line_and_column_in_finnish(tmp_path, labels):
    root = templates_with_style(tmp_path, 'header_fill = "1F3864"', 'header_fill = "1F3864')
    with pytest.raises(ConfigError) as caught:
        Reference.load(root)
    text = caught.value.describe(labels)
    assert "Tiedoston muoto on virheellinen rivillä" in text and "Expected" not in text


def test_lower_case_colour_is_accepted_as_upper_case(tmp_path):
    root = templates_with_style(tmp_path, 'header_fill = "1F3864"', 'header_fill = "1f38aa"')
    assert Reference.load(root).excel_style.county.header_fill == "1F38AA"

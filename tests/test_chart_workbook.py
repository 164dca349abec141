"""The workbook embedded in a chart (render/chart_workbook.py): the cells python-pptx's chart XML points at, with the
chart data's number formats, readable by openpyxl, and the same bytes for the same data."""
from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook
from pptx.chart.data import CategoryChartData

from pipeline.render.chart_workbook import EmbeddedChartData, chart_workbook


def sample_data(kind=CategoryChartData) -> CategoryChartData:
    data = kind(number_format="#,##0.##")
    data.categories = ["Chat: vastausaika", 'Lomakkeet & "liitteet" <sähköiset>']
    data.add_series("Lähtötaso", [25, 35.5])
    data.add_series(" ", [None, 70], number_format="0 %")
    return data


def test_cells_where_the_chart_reads_them():
    book = load_workbook(io.BytesIO(chart_workbook(sample_data())))
    sheet = book.active
    assert sheet.title == "Sheet1"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=1, max_row=3, max_col=3)]
    assert rows == [[None, "Lähtötaso", " "],
                    ["Chat: vastausaika", 25, None],
                    ['Lomakkeet & "liitteet" <sähköiset>', 35.5, 70]]
    assert sheet["B2"].number_format == "#,##0.##"
    assert sheet["C3"].number_format == "0 %"
    assert sheet["A2"].number_format == "General"


def test_same_bytes_and_no_time_stamps():
    first, second = chart_workbook(sample_data()), chart_workbook(sample_data())
    assert first == second
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert "docProps/core.xml" not in names
    assert names[0] == "[Content_Types].xml"


def test_python_pptx_embeds_this_workbook():
    assert EmbeddedChartData.__mro__[1] is CategoryChartData
    assert sample_data(EmbeddedChartData).xlsx_blob == chart_workbook(sample_data())

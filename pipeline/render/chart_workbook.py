"""The workbook embedded in a chart of a Word plan or a deck (its data, which Word or PowerPoint opens when a reader
edits the chart), written directly.

python-pptx writes this workbook with XlsxWriter (about 2 ms a chart, a quarter of a chart's cost, then its zip
written again for fixed dates). The sheet is small and always of one shape (python-pptx's category layout: the
categories in column A from row 2, each series in the next columns with its name in row 1), so it is written here
as the five parts an .xlsx needs, with the number formats of the chart data, in one reproducible zip. The cell
references are the ones python-pptx's chart XML points at (`CategoryWorkbookWriter`).
"""
from __future__ import annotations

import io
import zipfile
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pptx.chart.data import CategoryChartData

from pipeline.officefiles import write_member, xml_safe

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CONTENT_TYPES = (
    f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
_ROOT_RELS = (f'{_HEAD}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
              f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
             '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
                  f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                  f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>')
_FIRST_CUSTOM_FORMAT = 164


def _column(index: int) -> str:
    """The letter(s) of the 0-based column INDEX."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


class _Styles:
    """Cell styles by number format: style 0 is General, each other format gets the next one."""

    def __init__(self) -> None:
        self.formats: list[str] = []

    def index(self, number_format: str) -> int:
        if number_format == "General":
            return 0
        if number_format not in self.formats:
            self.formats.append(number_format)
        return self.formats.index(number_format) + 1

    def xml(self) -> str:
        formats = "".join(f'<numFmt numFmtId="{_FIRST_CUSTOM_FORMAT + n}" formatCode={quoteattr(f)}/>'
                          for n, f in enumerate(self.formats))
        xfs = "".join(f'<xf numFmtId="{_FIRST_CUSTOM_FORMAT + n}" fontId="0" fillId="0" borderId="0" xfId="0" '
                      'applyNumberFormat="1"/>' for n in range(len(self.formats)))
        return (f'{_HEAD}<styleSheet xmlns="{_MAIN}"><numFmts count="{len(self.formats)}">{formats}</numFmts>'
                '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
                '<fills count="2"><fill><patternFill patternType="none"/></fill>'
                '<fill><patternFill patternType="gray125"/></fill></fills>'
                '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                f'<cellXfs count="{len(self.formats) + 1}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
                f'xfId="0"/>{xfs}</cellXfs>'
                '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def _cell(ref: str, value: Any, style: int) -> str:
    styled = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{ref}"{styled}/>' if style else ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        text = escape(xml_safe(str(value)))
        return f'<c r="{ref}"{styled} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return f'<c r="{ref}"{styled}><v>{value!r}</v></c>'


def _sheet(data: CategoryChartData, styles: _Styles) -> str:
    categories = data.categories
    if categories.depth != 1:
        raise ValueError("a Word chart's data has one level of categories")
    category_style = styles.index(categories.number_format)
    series = list(data)
    rows: dict[int, list[str]] = {1: [_cell(f"{_column(1 + n)}1", s.name, 0) for n, s in enumerate(series)]}
    for offset, name in next(iter(categories.levels)):
        rows.setdefault(offset + 2, []).append(_cell(f"A{offset + 2}", name, category_style))
    for n, s in enumerate(series):
        style, column = styles.index(s.number_format), _column(1 + n)
        for offset, value in enumerate(s.values):
            rows.setdefault(offset + 2, []).append(_cell(f"{column}{offset + 2}", value, style))
    body = "".join(f'<row r="{r}">{"".join(cells)}</row>' for r, cells in sorted(rows.items()))
    return (f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><cols><col min="1" max="1" width="10" '
            f'customWidth="1"/></cols><sheetData>{body}</sheetData></worksheet>')


def chart_workbook(data: CategoryChartData) -> bytes:
    """The .xlsx bytes of DATA in python-pptx's category layout; the same data gives the same bytes."""
    styles = _Styles()
    sheet = _sheet(data, styles)
    parts = {"[Content_Types].xml": _CONTENT_TYPES, "_rels/.rels": _ROOT_RELS, "xl/workbook.xml": _WORKBOOK,
             "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS, "xl/styles.xml": styles.xml(),
             "xl/worksheets/sheet1.xml": sheet}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, text in parts.items():        # the parts but the sheet recur: each compressed once a process
            write_member(target, name, text.encode("utf-8"), remember=name != "xl/worksheets/sheet1.xml")
    return out.getvalue()


class EmbeddedChartData(CategoryChartData):
    """Chart data whose embedded workbook (python-pptx's `xlsx_blob`, read by `shapes.add_chart`) is written here."""

    @property
    def xlsx_blob(self) -> bytes:
        return chart_workbook(self)

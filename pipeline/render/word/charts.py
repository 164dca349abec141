"""Native Word charts: DrawingML chart parts with their data embedded as a workbook, placed inline by docxtpl.

python-pptx writes the chart XML (`ChartXmlWriter`) and its workbook (`ChartData.xlsx_blob`) and styles it through
its chart objects (which need no PowerPoint part); here the chart becomes a part of the .docx (word/charts/chartN.xml,
related from the document, its workbook under word/embeddings/) and an inline `w:drawing` with `c:chart r:id` and
its alternative text (`wp:docPr descr`). A reader can edit the chart and its data in Word; LibreOffice draws it in
the PDF. The embedded workbook (render/chart_workbook.py) has no time stamps, so the same input gives the same bytes.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import quoteattr

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part, XmlPart
from pptx.chart.chart import Chart as PptxChart
from pptx.chart.data import CategoryChartData
from pptx.chart.xmlwriter import ChartXmlWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml import parse_xml as pptx_parse_xml
from pptx.oxml.ns import qn
from pptx.util import Pt

from pipeline.render.chart_workbook import chart_workbook

EMU_PER_MM = 36000
_NS = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
FIRST_DRAWING_ID = 5000               # wp:docPr ids of the charts, clear of the template's own drawings


@dataclass(frozen=True)
class ChartSpec:
    """One chart: its type, data and styling (a function of python-pptx's Chart), size in mm and alt text."""
    kind: Any                                 # XL_CHART_TYPE member
    data: CategoryChartData
    style: Callable[[PptxChart], None]
    width_mm: float
    height_mm: float
    alt: str


class Charts:
    """The charts of one document: each figure's charts become parts of the document when docxtpl renders the
    place they stand in (the template's `{{ figure.image }}`)."""

    def __init__(self, template: Any, lang: str, font: str, name: str = "{number}") -> None:
        """NAME names a chart by its {number} in the document's language ("Figur 2")."""
        self.template, self.lang, self.font, self.name = template, lang, font, name
        self.count = 0

    def figure(self, specs: list[ChartSpec]) -> InlineCharts:
        return InlineCharts(self, specs)

    def place(self, spec: ChartSpec) -> str:
        """The chart SPEC added to the document being rendered; its inline drawing's XML."""
        part = self.template.current_rendering_part
        package = part.package
        self.count += 1
        number = self.count
        chart_space = pptx_parse_xml(ChartXmlWriter(spec.kind, spec.data).xml.encode("utf-8"))
        chart = PptxChart(chart_space, None)
        chart.font.size = Pt(8)
        chart.font.name = self.font
        spec.style(chart)
        for rpr in chart_space.iter(qn("a:defRPr")):
            rpr.set("lang", self.lang)
        chart_part = XmlPart(package.next_partname("/word/charts/chart%d.xml"), CT.DML_CHART, chart_space, package)
        workbook = Part(package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"), CT.SML_SHEET,
                        chart_workbook(spec.data), package)
        external = chart_part.element.find(qn("c:externalData"))
        if external is None:
            external = chart_part.element.makeelement(qn("c:externalData"), {})
            chart_part.element.append(external)
            auto = external.makeelement(qn("c:autoUpdate"), {"val": "0"})
            external.append(auto)
        external.set(qn("r:id"), chart_part.relate_to(workbook, RT.PACKAGE))
        rid = part.relate_to(chart_part, RT.CHART)
        cx, cy = int(spec.width_mm * EMU_PER_MM), int(spec.height_mm * EMU_PER_MM)
        ident, name = FIRST_DRAWING_ID + number, quoteattr(self.name.format(number=number))
        return (f'<wp:inline distT="0" distB="0" distL="0" distR="0" {_NS}><wp:extent cx="{cx}" cy="{cy}"/>'
                f'<wp:effectExtent l="0" t="0" r="0" b="0"/>'
                f'<wp:docPr id="{ident}" name={name} descr={quoteattr(spec.alt)}/>'
                f'<wp:cNvGraphicFramePr/><a:graphic><a:graphicData '
                f'uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="{rid}"/>'
                f'</a:graphicData></a:graphic></wp:inline>')


class InlineCharts:
    """What the template's `{{ figure.image }}` renders to: the figure's charts one below the other."""

    def __init__(self, charts: Charts, specs: list[ChartSpec]) -> None:
        self.charts, self.specs = charts, specs

    def __html__(self) -> str:
        drawings = [f"<w:drawing>{self.charts.place(spec)}</w:drawing>" for spec in self.specs]
        return "</w:t></w:r><w:r>" + "<w:br/>".join(drawings) + '</w:r><w:r><w:t xml:space="preserve">'

    __str__ = __html__


def solid(target: Any, colour: str) -> None:
    """Fill a series or point (python-pptx's format) with the hex COLOUR."""
    target.format.fill.solid()
    target.format.fill.fore_color.rgb = RGBColor.from_string(colour)


def no_fill(target: Any) -> None:
    target.format.fill.background()
    target.format.line.fill.background()


def hide_legend_entry(chart: PptxChart, index: int) -> None:
    """The legend leaves out series INDEX (the Gantt's invisible offsets)."""
    legend = chart.element.find(f"{qn('c:chart')}/{qn('c:legend')}")
    entry = legend.makeelement(qn("c:legendEntry"), {})
    idx = entry.makeelement(qn("c:idx"), {"val": str(index)})
    delete = entry.makeelement(qn("c:delete"), {"val": "1"})
    entry.extend([idx, delete])
    legend.find(qn("c:legendPos")).addnext(entry)


BAR_CLUSTERED = XL_CHART_TYPE.BAR_CLUSTERED
BAR_STACKED = XL_CHART_TYPE.BAR_STACKED
COLUMN_CLUSTERED = XL_CHART_TYPE.COLUMN_CLUSTERED
COLUMN_STACKED = XL_CHART_TYPE.COLUMN_STACKED

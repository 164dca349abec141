"""The goals chart: a native clustered bar chart of baseline vs target for the metrics with numeric values."""
from __future__ import annotations

from dataclasses import dataclass

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.util import Pt

from pipeline.render.deck_pages import Cuts, Pager
from pipeline.render.deck_slides import clean, write_notes
from pipeline.render.textfit import ParaStyle, paginate, shorten, wrap

LABEL_SHARE = 0.34         # the part of the chart's width the category labels get
LABEL_LINES = 3            # a category label longer than this is shortened (full text in the notes)
BAR_BAND = 40.0            # minimum points per category (two bars and the gap)
CHROME = 70.0              # points for the legend, the value axis and padding
NUMBER_FORMAT = "#,##0.##"


@dataclass
class Chart:
    title: str
    categories: list[str]
    series: list[tuple[str, list[float | None]]]
    notes: str


def render_chart(pager: Pager, spec: Chart) -> None:
    if not spec.categories:
        return
    t = pager.t
    frame = t.frame("chart", 1)
    face = frame.style.face
    label_width = frame.width / 12700 * LABEL_SHARE
    style = ParaStyle(face)
    shortened = [shorten([(clean(c).replace("\n", " "), False)], style, label_width, LABEL_LINES) for c in
                 spec.categories]
    labels = ["".join(t for t, _ in runs) for runs, _ in shortened]
    heights = [max(len(wrap([(label, False)], face, label_width)) * face.line_height + 8, BAR_BAND)
               for label in labels]
    for page, indexes in enumerate(paginate(heights, frame.height / 12700 - CHROME)):
        slide = t.add_slide("chart")
        cuts = Cuts([clean(spec.categories[i]) for i in indexes if shortened[i][1]])
        pager.title(slide, "chart", spec.title, page, cuts)
        data = CategoryChartData(number_format=NUMBER_FORMAT)
        data.categories = [labels[i] for i in indexes]
        for name, values in spec.series:
            data.add_series(name, [values[i] for i in indexes])
        graphic = t.placeholder(slide, 1).insert_chart(XL_CHART_TYPE.BAR_CLUSTERED, data)
        _style(graphic.chart, face.size)
        write_notes(slide, cuts.notes(spec.notes, pager.labels))


def _style(chart, size: float) -> None:
    chart.font.size = Pt(size)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.category_axis.reverse_order = True          # first metric on top, as in the table
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.tick_labels.number_format = NUMBER_FORMAT
    chart.value_axis.tick_labels.number_format_is_linked = False
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.overlap = 0
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = NUMBER_FORMAT
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.show_value = True
    for rpr in chart.element.iter(qn("a:defRPr")):   # chart text in Finnish
        rpr.set("lang", "fi-FI")

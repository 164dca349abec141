"""The goals charts: native clustered column charts of baseline vs target, one per metric with numeric values
(each metric has its own unit and scale), up to six on a slide."""
from __future__ import annotations

from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Pt

from pipeline.formatting import fi_number
from pipeline.render.chart_workbook import EmbeddedChartData
from pipeline.render.deck.pager import Pager
from pipeline.render.deck.placement import rect
from pipeline.render.deck.specs import Chart, clean
from pipeline.render.deck.template import DeckTemplate
from pipeline.render.deck.textfit import Face, ParaStyle, shorten

GAP = 14.0                 # points between the small charts
TITLE_LINES = 2            # a chart title (the metric) longer than this is shortened; full text in the notes
TITLE_SHARE = 0.8          # the part of a chart's width its title may use (chart engines keep a margin)
NUMBER_FORMAT = "#,##0.##"
HEADROOM = 1.2
MAX_CHARTS = 6


def grid(count: int) -> tuple[int, int]:
    """Columns and rows of small charts on one slide for COUNT charts (at most six a slide)."""
    if count <= 3:
        return count, 1
    return (2, 2) if count == 4 else (3, 2)


def render_chart(pager: Pager, spec: Chart) -> None:
    """Small multiples on one slide: one chart per metric (its own scale), baseline and target side by side, at
    most six (the rest are said to be in the plan); a value not known is labelled, never an empty bar."""
    if not spec.categories:
        return
    t = pager.t
    frame = t.frame("chart", 1)
    face = frame.style.face
    indexes = list(range(min(MAX_CHARTS, len(spec.categories))))
    slide = pager.slide("chart", spec.title, spec.notes)
    t.remove(t.placeholder(slide, 1))
    room = frame.height - (int(face.line_height * 1.6 * 12700) if len(spec.categories) > MAX_CHARTS else 0)
    cols, rows = grid(len(indexes))
    width = (frame.width - (cols - 1) * GAP * 12700) // cols
    height = (room - (rows - 1) * GAP * 12700) // rows
    for n, i in enumerate(indexes):
        x = frame.left + (n % cols) * (width + int(GAP * 12700))
        y = frame.top + (n // cols) * (height + int(GAP * 12700))
        title, _ = _title(spec.categories[i], face, width / 12700 * TITLE_SHARE)
        data = EmbeddedChartData(number_format=NUMBER_FORMAT)
        data.categories = [spec.categories[i]]
        for name, values in spec.series:
            data.add_series(name, [values[i] if values[i] is not None else 0])
        graphic = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, *rect(x, y, width, height), data)
        graphic.name = f"goal-chart-{i}"
        _style(graphic.chart, face, title, t, [values[i] for _, values in spec.series], spec.unknown)
    if len(spec.categories) > MAX_CHARTS and spec.more:
        pager._note(slide, frame, room / 12700, spec.more)


def _title(text: str, face: Face, width: float) -> tuple[str, bool]:
    runs, cut = shorten([(clean(text).replace("\n", " "), True)], ParaStyle(face.with_bold(True)), width,
                        TITLE_LINES)
    return "".join(t for t, _ in runs), cut


def _style(chart, face: Face, title: str, t: DeckTemplate, values_shown: list[float | None], unknown: str) -> None:
    chart.font.size = Pt(face.size)
    chart.has_title = True
    t.write_paragraphs(chart.chart_title.text_frame, [[(title, True)]], size=face.size)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.NONE   # the title names the metric
    values = chart.value_axis
    values.visible = False                            # each bar carries its value; no axis to misread
    values.has_major_gridlines = False
    values.tick_labels.number_format = NUMBER_FORMAT
    values.tick_labels.number_format_is_linked = False
    plot = chart.plots[0]
    plot.gap_width = 80
    plot.overlap = -10
    numbers = [v for v in values_shown if v is not None]
    if numbers and min(numbers) >= 0:
        values.minimum_scale = 0
        values.maximum_scale = max(max(numbers) * HEADROOM, 1)   # room for the value above the tallest bar
    for series, value in zip(plot.series, values_shown, strict=True):   # Finnish numbers on the bars: 1 234,5
        label = series.points[0].data_label
        label.position = XL_LABEL_POSITION.OUTSIDE_END
        t.write_paragraphs(label.text_frame, [[(fi_number(value) if value is not None else unknown, False)]],
                           size=face.size)
    for rpr in chart.element.iter(qn("a:defRPr")):   # chart text in Finnish
        rpr.set("lang", t.lang)

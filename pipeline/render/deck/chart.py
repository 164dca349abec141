"""The goals charts: native clustered column charts of baseline vs target, one per metric with numeric values
(each metric has its own unit and scale), up to six on a slide."""
from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Pt

from pipeline.formatting import fi_number
from pipeline.render.deck.pager import Cuts, Pager
from pipeline.render.deck.specs import Chart, clean
from pipeline.render.deck.template import DeckTemplate
from pipeline.render.deck.textfit import Face, ParaStyle, shorten

GAP = 14.0                 # points between the small charts
TITLE_LINES = 2            # a chart title (the metric) longer than this is shortened; full text in the notes
TITLE_SHARE = 0.8          # the part of a chart's width its title may use (chart engines keep a margin)
NUMBER_FORMAT = "#,##0.##"
HEADROOM = 1.2


def grid(count: int) -> tuple[int, int]:
    """Columns and rows of small charts on one slide for COUNT charts (at most six a slide)."""
    if count <= 3:
        return count, 1
    return (2, 2) if count == 4 else (3, 2)


def render_chart(pager: Pager, spec: Chart) -> None:
    """Small multiples: one chart per metric (its own scale), baseline and target side by side."""
    if not spec.categories:
        return
    t = pager.t
    frame = t.frame("chart", 1)
    face = frame.style.face
    pages = [list(range(n, min(n + 6, len(spec.categories)))) for n in range(0, len(spec.categories), 6)]
    for page, indexes in enumerate(pages):
        slide = t.add_slide("chart")
        cuts = Cuts()
        pager.title(slide, "chart", spec.title, page, cuts)
        placeholder = t.placeholder(slide, 1)
        t.remove(placeholder)
        cols, rows = grid(len(indexes))
        width = (frame.width - (cols - 1) * GAP * 12700) // cols
        height = (frame.height - (rows - 1) * GAP * 12700) // rows
        for n, i in enumerate(indexes):
            x = frame.left + (n % cols) * (width + int(GAP * 12700))
            y = frame.top + (n // cols) * (height + int(GAP * 12700))
            title, cut = _title(spec.categories[i], face, width / 12700 * TITLE_SHARE)
            if cut:
                cuts.texts.append(clean(spec.categories[i]))
            data = CategoryChartData(number_format=NUMBER_FORMAT)
            data.categories = [spec.categories[i]]
            for name, values in spec.series:
                data.add_series(name, [values[i]])
            graphic = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, x, y, width, height, data)
            graphic.name = f"goal-chart-{i}"
            _style(graphic.chart, face, title, t)
        t.write_notes(slide, cuts.notes(spec.notes, pager.labels))


def _title(text: str, face: Face, width: float) -> tuple[str, bool]:
    runs, cut = shorten([(clean(text).replace("\n", " "), True)], ParaStyle(face.with_bold(True)), width,
                        TITLE_LINES)
    return "".join(t for t, _ in runs), cut


def _style(chart, face: Face, title: str, t: DeckTemplate) -> None:
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
    numbers = [v for series in plot.series for v in series.values if v is not None]
    if numbers and min(numbers) >= 0:
        values.minimum_scale = 0
        values.maximum_scale = max(max(numbers) * HEADROOM, 1)   # room for the value above the tallest bar
    for series in plot.series:                        # Finnish numbers on the bars: 1 234,5
        value = series.values[0]
        if value is None:
            continue
        label = series.points[0].data_label
        label.position = XL_LABEL_POSITION.OUTSIDE_END
        t.write_paragraphs(label.text_frame, [[(fi_number(value), False)]], size=face.size)
    for rpr in chart.element.iter(qn("a:defRPr")):   # chart text in Finnish
        rpr.set("lang", t.lang)

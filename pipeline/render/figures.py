"""Figures for the Word plans as native Word charts (pipeline/render/word/charts.py): a line's roadmap (a Gantt of
stacked bars), its metrics, and the go-lives and shutdowns of an area or the county per quarter.

Each function takes plain values (already worded by the caller) and gives the chart specifications of one figure.
Colours and font come from templates/data/document-style.toml.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.util import Pt

from pipeline.formatting import one_line, quantity
from pipeline.reference import DocumentStyle
from pipeline.render.word.charts import (
    BAR_CLUSTERED,
    BAR_STACKED,
    COLUMN_CLUSTERED,
    COLUMN_STACKED,
    ChartSpec,
    hide_legend_entry,
    no_fill,
    solid,
)

WIDTH_MM = 170.0                  # the Word plan's text width
MAX_HEIGHT_MM = 220.0
ROW_MM = 6.2
EPOCH = dt.date(1899, 12, 30)     # day 0 of a spreadsheet's dates
STATES = ("planned", "done", "on_hold", "late", "milestone")


@dataclass(frozen=True)
class Bar:
    """One row of a roadmap: a phase (END given) or an intermediate goal (no END)."""
    group: str                    # the channel's name
    label: str
    start: dt.date
    end: dt.date | None
    state: str                    # planned | done | on_hold | late | milestone


@dataclass(frozen=True)
class Measure:
    label: str                    # the metric, with its channel
    baseline: float | None
    target: float | None
    unit: str


def _short(text: str, limit: int) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _serial(day: dt.date) -> int:
    return (day - EPOCH).days


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _next_quarter(day: dt.date) -> dt.date:
    month = day.month + 3
    return dt.date(day.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def _label_text(label, text: str, size: float = 7) -> None:
    frame = label.text_frame
    frame.text = text
    frame.word_wrap = False
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)


def roadmap_charts(bars: list[Bar], as_of: dt.date, legend: dict[str, str], today_label: str, style: DocumentStyle,
                   alt: str) -> list[ChartSpec]:
    """A Gantt: a row per phase or intermediate goal ("channel: name"), a bar from its start to its end coloured by
    its state (an intermediate goal a short bar in its own colour), the axis in quarters; LEGEND maps state → its
    name. The first row marks the build date AS_OF (TODAY_LABEL), so a reader sees what lies before and after it."""
    colours = style.figures
    dates = [b.start for b in bars] + [b.end for b in bars if b.end] + [as_of]
    first = _quarter_start(min(dates))
    last = _next_quarter(_quarter_start(max(dates)))
    span = _serial(last) - _serial(first)
    mark = max(span // 100, 2)
    data = CategoryChartData(number_format="d.m.yyyy")
    data.categories = [today_label] + [_short(f"{b.group}: {b.label}", 60) for b in bars]
    data.add_series(" ", [_serial(as_of) - mark // 2] + [_serial(b.start) for b in bars])   # the invisible offsets
    shown = [s for s in STATES if any(b.state == s for b in bars)]
    for state in shown:
        data.add_series(legend.get(state, state),
                        [None] + [max(_serial(b.end) - _serial(b.start), span // 100) if b.end and b.state == state
                                  else span // 60 if b.end is None and b.state == state else None for b in bars])
    data.add_series(today_label, [mark] + [None for _ in bars])
    # An empty, invisible last series: Word counts the legend's hidden entries from the first series, LibreOffice
    # from the last; hiding the first and the last hides the offsets in both.
    data.add_series(" ", [None for _ in range(len(bars) + 1)])
    shown.append("today")

    def style_chart(chart: Chart) -> None:
        chart.has_title = False
        plot = chart.plots[0]
        plot.gap_width = 40
        plot.overlap = 100
        series = list(plot.series)
        no_fill(series[0])
        no_fill(series[-1])
        for one, state in zip(series[1:-1], shown, strict=True):
            solid(one, getattr(colours, state))
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        hide_legend_entry(chart, len(series) - 1)
        hide_legend_entry(chart, 0)
        categories = chart.category_axis
        categories.reverse_order = True
        categories.tick_labels.font.size = Pt(7)
        categories.has_major_gridlines = False
        values = chart.value_axis
        values.minimum_scale, values.maximum_scale = _serial(first), _serial(last)
        values.major_unit = 92 * (span // 92 // 10 + 1)    # a quarter's days (a tick drifts a day a quarter at most)
        values.tick_labels.number_format = "m/yyyy"
        values.tick_labels.number_format_is_linked = False
        values.tick_labels.font.size = Pt(7)
        values.has_major_gridlines = True
        values.tick_label_position = XL_TICK_LABEL_POSITION.LOW

    height = min(MAX_HEIGHT_MM, 22 + (len(bars) + 1) * ROW_MM)
    return [ChartSpec(BAR_STACKED, data, style_chart, WIDTH_MM, height, alt)]


def measures_charts(measures: list[Measure], baseline_name: str, target_name: str, unknown: str,
                    style: DocumentStyle, alt: str, metric_alt: Callable[..., str]) -> list[ChartSpec]:
    """Baseline and target per metric, each metric its own chart (the units and scales differ); each bar carries
    its value with its unit, an unknown baseline is said in words (no bar). ALT introduces the figure (on its first
    chart), METRIC_ALT(metric=, baseline=, target=) describes each chart."""
    colours = style.figures
    specs = []
    for n, m in enumerate(measures):
        data = CategoryChartData(number_format="#,##0.##")
        data.categories = [_short(m.label, 90)]
        data.add_series(baseline_name, [m.baseline if m.baseline is not None else 0])   # labelled "unknown"
        data.add_series(target_name, [m.target if m.target is not None else 0])
        numbers = [v for v in (m.baseline, m.target) if v is not None]

        def style_chart(chart: Chart, m: Measure = m, numbers: list[float] = numbers) -> None:
            chart.has_title = False
            plot = chart.plots[0]
            plot.gap_width = 40
            plot.overlap = 0
            chart.has_legend = True
            chart.legend.position = XL_LEGEND_POSITION.RIGHT
            chart.legend.include_in_layout = False
            chart.category_axis.tick_labels.font.size = Pt(7)
            chart.category_axis.reverse_order = True
            values = chart.value_axis
            values.visible = False
            values.has_major_gridlines = False
            if numbers and min(numbers) >= 0:
                values.minimum_scale = 0
                values.maximum_scale = max(max(numbers) * 1.35, 1)
            for series, value, colour in zip(plot.series, (m.baseline, m.target), (colours.baseline, colours.target),
                                             strict=True):
                solid(series, colour)
                label = series.points[0].data_label
                label.position = XL_LABEL_POSITION.OUTSIDE_END
                _label_text(label, quantity(value, m.unit) if value is not None else unknown)

        one = metric_alt(metric=m.label,
                         baseline=quantity(m.baseline, m.unit) if m.baseline is not None else unknown,
                         target=quantity(m.target, m.unit) if m.target is not None else unknown)
        specs.append(ChartSpec(BAR_CLUSTERED, data, style_chart, WIDTH_MM, 24.0, f"{alt} {one}" if n == 0 else one))
    return specs


def golives_chart(rows: list[str], quarters: list[str], counts: list[list[int]], colours: list[str],
                  alt: str) -> list[ChartSpec]:
    """Go-lives per quarter, stacked by channel (ROWS, each its colour of COLOURS); a channel without go-lives is
    left out of the chart."""
    data = CategoryChartData(number_format="0")
    data.categories = quarters
    kept = [(name, row, colour) for name, row, colour in zip(rows, counts, colours, strict=True) if any(row)]
    for name, row, _ in kept:
        data.add_series(name, [v or None for v in row])

    def style_chart(chart: Chart) -> None:
        plot = chart.plots[0]
        chart.has_title = False
        plot.gap_width = 60
        plot.overlap = 100
        plot.has_data_labels = True
        plot.data_labels.font.size = Pt(7)
        plot.data_labels.show_value = True
        for series, (_, _, colour) in zip(plot.series, kept, strict=True):
            solid(series, colour)
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.RIGHT
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(7)
        chart.category_axis.tick_labels.font.size = Pt(7)
        values = chart.value_axis
        values.major_unit = max(1, max((sum(c) for c in zip(*counts, strict=True)), default=1) // 8)
        values.tick_labels.font.size = Pt(7)
        values.tick_labels.number_format = "0"
        values.tick_labels.number_format_is_linked = False

    return [ChartSpec(COLUMN_STACKED, data, style_chart, WIDTH_MM, 80.0, alt)]


def shutdowns_chart(quarters: list[str], values: list[float], notes: list[str], axis_label: str, colour: str,
                    alt: str) -> list[ChartSpec]:
    """Columns per quarter: the yearly cost that ends there, in euros (the unit of AXIS_LABEL), each labelled with
    its NOTE (the same value as text)."""
    data = CategoryChartData(number_format="#,##0")
    data.categories = quarters
    data.add_series(axis_label, values)

    def style_chart(chart: Chart) -> None:
        plot = chart.plots[0]
        plot.gap_width = 80
        series = plot.series[0]
        solid(series, colour)
        for n, (value, note) in enumerate(zip(values, notes, strict=True)):
            if value and note:
                label = series.points[n].data_label
                label.position = XL_LABEL_POSITION.OUTSIDE_END
                _label_text(label, note)
        chart.has_legend = False
        chart.has_title = False
        chart.category_axis.tick_labels.font.size = Pt(7)
        axis = chart.value_axis
        axis.minimum_scale = 0
        axis.maximum_scale = max([*values, 1.0]) * 1.25
        axis.tick_labels.font.size = Pt(7)
        axis.tick_labels.number_format = "#,##0"
        axis.tick_labels.number_format_is_linked = False
        axis.has_title = True
        axis.axis_title.text_frame.text = axis_label
        for paragraph in axis.axis_title.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(7)

    return [ChartSpec(COLUMN_CLUSTERED, data, style_chart, WIDTH_MM, 65.0, alt)]

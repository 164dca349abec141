"""Figures for the Word plans, drawn with matplotlib: a line's roadmap, its metrics, and the go-lives and shutdowns
of an area or the county per quarter.

Each function takes plain values (already worded by the caller) and returns PNG bytes. Same values, same bytes:
the Agg renderer is deterministic and the PNG carries no time stamp or software tag. Colours and font come from
templates/data/document-style.toml; the font file is the project's own (templates/fonts), so a figure looks the
same on every machine.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.formatting import fi_number, quantity
from pipeline.paths import TEMPLATES
from pipeline.reference import DocumentStyle

CM = 1 / 2.54                     # inches per centimetre
WIDTH_CM = 17.0                   # the Word plan's text width
DPI = 150
MAX_HEIGHT_CM = 22.0
ROW_CM = 0.62


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


@cache
def _matplotlib(font: str) -> Any:
    """matplotlib's Figure class, imported on first use (it takes a while) with the project's fonts registered."""
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib.figure import Figure
    for path in sorted((TEMPLATES / "fonts").glob("*.ttf")):
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update({"font.family": font, "font.size": 8, "svg.hashsalt": "digiplan",
                                "axes.spines.top": False, "axes.spines.right": False})
    return Figure


def _png(figure) -> bytes:
    from matplotlib.text import Text
    for text in figure.findobj(Text):      # matplotlib finds no no-break space in the font: a picture never wraps
        if "\u00a0" in text.get_text():
            text.set_text(text.get_text().replace("\u00a0", " "))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches=None)
    return buffer.getvalue()


def _hex(colour: str) -> str:
    return f"#{colour}"


def _figure(style: DocumentStyle, rows: float, extra_cm: float = 1.6):
    height = min(MAX_HEIGHT_CM, extra_cm + rows * ROW_CM)
    figure = _matplotlib(style.font)(figsize=(WIDTH_CM * CM, height * CM))
    return figure, height


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def roadmap_png(bars: list[Bar], as_of: dt.date, legend: dict[str, str], today_label: str, quarter: str,
                style: DocumentStyle) -> bytes:
    """Phases as bars coloured by state and intermediate goals as diamonds, a row each, grouped by channel (a band
    per channel), the build date as a dashed line; LEGEND maps state → its Finnish name."""
    colours = style.figures
    figure, height = _figure(style, len(bars), extra_cm=2.2)
    axes = figure.add_axes((0.36, 1.5 / height, 0.61, 1 - 2.0 / height))
    count = len(bars)
    groups: list[tuple[str, int, int]] = []
    for n, bar in enumerate(bars):
        if not groups or groups[-1][0] != bar.group:
            groups.append((bar.group, n, n))
        groups[-1] = (groups[-1][0], groups[-1][1], n)
    for index, (_, first, last) in enumerate(groups):
        if index % 2 == 0:
            axes.axhspan(count - last - 1.5, count - first - 0.5, color=_hex(colours.band), zorder=0)
    for n, bar in enumerate(bars):
        y = count - n - 1
        start = _day(bar.start)
        if bar.end is None:
            axes.scatter([start], [y], marker="D", s=36, color=_hex(colours.milestone), zorder=3)
        else:
            axes.barh(y, max(_day(bar.end) - start, 3), left=start, height=0.6,
                      color=_hex(getattr(colours, bar.state)), zorder=2)
    axes.set_yticks(range(count), [_wrapped(f"{b.group}: {b.label}", 44) for b in reversed(bars)], fontsize=7)
    axes.set_ylim(-0.7, count - 0.3)
    axes.axvline(_day(as_of), color=_hex(colours.today), linestyle="--", linewidth=1.2, zorder=4)
    _quarter_axis(axes, [b.start for b in bars] + [b.end for b in bars if b.end] + [as_of], quarter)
    axes.grid(axis="x", color=_hex(colours.grid), linewidth=0.5, zorder=1)
    axes.tick_params(axis="both", colors=_hex(colours.text), length=0)
    _legend(figure, [(state, name) for state, name in legend.items()], colours, today_label)
    return _png(figure)


def _day(day: dt.date) -> float:
    return float(day.toordinal())


def _quarter_axis(axes, dates: list[dt.date], quarter: str) -> None:
    """Ticks at the start of each quarter, labelled with QUARTER ("Q{number}/{year}")."""
    first, last = min(dates), max(dates)
    start = dt.date(first.year, 3 * ((first.month - 1) // 3) + 1, 1)
    ticks, day = [], start
    while day <= last:
        ticks.append(day)
        month = day.month + 3
        day = dt.date(day.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    ticks.append(day)
    axes.set_xlim(_day(ticks[0]), _day(ticks[-1]))
    step = max(1, len(ticks) // 10)
    shown = ticks[::step]
    axes.set_xticks([_day(t) for t in shown],
                    [quarter.format(number=(t.month - 1) // 3 + 1, year=t.year) for t in shown], fontsize=7)


def _legend(figure, entries: list[tuple[str, str]], colours, today_label: str) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    handles: list[Any] = []
    for state, name in entries:
        if state == "milestone":
            handles.append(Line2D([], [], marker="D", linestyle="", color=_hex(colours.milestone), label=name))
        else:
            handles.append(Patch(color=_hex(getattr(colours, state)), label=name))
    handles.append(Line2D([], [], color=_hex(colours.today), linestyle="--", label=today_label))
    figure.legend(handles=handles, loc="lower center", ncol=min(len(handles), 6), fontsize=7, frameon=False)


def measures_png(measures: list[Measure], baseline_name: str, target_name: str, unknown: str,
                 style: DocumentStyle) -> bytes:
    """Baseline → target per metric, each on its own scale (the units differ): an arrow from the baseline to the
    target with both values written; an unknown baseline is said in words."""
    colours = style.figures
    figure, height = _figure(style, len(measures), extra_cm=1.4)
    axes = figure.add_axes((0.01, 1.1 / height, 0.98, 1 - 1.4 / height))
    count, left, right = len(measures), 0.55, 0.83          # the arrows' span, in the axes' width
    for n, m in enumerate(measures):
        y = count - n - 1
        top = max(v for v in (m.baseline, m.target, 0.0) if v is not None) or 1.0

        def x(value: float) -> float:
            return left + (right - left) * value / top     # noqa: B023 — used at once, in this iteration

        if m.baseline is not None and m.target is not None:
            axes.annotate("", xy=(x(m.target), y), xytext=(x(m.baseline), y),
                          arrowprops={"arrowstyle": "->", "color": _hex(colours.text), "linewidth": 1})
        for value, colour in ((m.baseline, colours.baseline), (m.target, colours.target)):
            if value is not None:
                axes.scatter([x(value)], [y], s=40, color=_hex(colour), zorder=3)
        axes.text(0.40, y, _wrapped(m.label, 52), ha="right", va="center", fontsize=7, color=_hex(colours.text))
        axes.text(left - 0.02, y, _value(m.baseline, m.unit, unknown), ha="right", va="center", fontsize=7,
                  color=_hex(colours.text))
        axes.text(right + 0.02, y, _value(m.target, m.unit, unknown), ha="left", va="center", fontsize=7,
                  color=_hex(colours.target), fontweight="bold")
    axes.set_xlim(0, 1)
    axes.set_ylim(-0.7, count - 0.3)
    axes.set_axis_off()
    from matplotlib.lines import Line2D
    handles = [Line2D([], [], marker="o", linestyle="", color=_hex(colours.baseline), label=baseline_name),
               Line2D([], [], marker="o", linestyle="", color=_hex(colours.target), label=target_name)]
    figure.legend(handles=handles, loc="lower center", ncol=2, fontsize=7, frameon=False)
    return _png(figure)


def _wrapped(text: str, width: int) -> str:
    """TEXT on at most two lines of about WIDTH characters (shortened with … beyond that)."""
    import textwrap
    lines = textwrap.wrap(" ".join(text.split()), width)
    if len(lines) > 2:
        lines = [lines[0], _short(" ".join(lines[1:]), width)]
    return "\n".join(lines)


def _value(value: float | None, unit: str, unknown: str) -> str:
    if value is None:
        return unknown
    return quantity(value, unit)


def quarter_grid_png(rows: list[str], quarters: list[str], counts: list[list[int]], colour: str,
                     style: DocumentStyle, row_groups: list[tuple[str, int]] | None = None) -> bytes:
    """A grid of ROWS × QUARTERS with the count in each cell, shaded by the count (go-lives per channel and quarter);
    ROW_GROUPS (label, first row) draw a separator and a label above each group (the waves)."""
    figure, height = _figure(style, len(rows) + len(row_groups or []) * 0.6, extra_cm=1.6)
    axes = figure.add_axes((0.30, 0.4 / height, 0.68, 1 - 1.6 / height))
    peak = max([max(r) for r in counts if r] + [1])
    for y, row in enumerate(counts):
        for x, value in enumerate(row):
            shade = 0.12 + 0.88 * value / peak if value else 0.0
            axes.add_patch(_rectangle(x, len(rows) - y - 1, colour, shade))
            if value:
                axes.text(x + 0.5, len(rows) - y - 0.5, str(value), ha="center", va="center", fontsize=8,
                          color="white" if shade > 0.5 else _hex(style.figures.text), fontweight="bold")
    axes.set_xlim(0, len(quarters))
    axes.set_ylim(0, len(rows))
    axes.set_xticks([x + 0.5 for x in range(len(quarters))], quarters, fontsize=7)
    axes.xaxis.tick_top()
    axes.set_yticks([len(rows) - y - 0.5 for y in range(len(rows))], [_short(r, 40) for r in rows], fontsize=7)
    for label, first in row_groups or []:
        axes.axhline(len(rows) - first, color=_hex(style.figures.text), linewidth=0.8)
        axes.text(-0.02, len(rows) - first - 0.05, label, transform=axes.get_yaxis_transform(), ha="right",
                  va="top", fontsize=7, fontweight="bold", color=_hex(style.figures.text))
    axes.tick_params(length=0, colors=_hex(style.figures.text))
    for side in ("left", "bottom", "top", "right"):
        axes.spines[side].set_visible(False)
    return _png(figure)


def _rectangle(x: float, y: float, colour: str, alpha: float):
    from matplotlib.patches import Rectangle
    return Rectangle((x + 0.04, y + 0.06), 0.92, 0.88, color=_hex(colour), alpha=alpha, linewidth=0)


def quarter_bars_png(quarters: list[str], counts: list[float], notes: list[str], axis_label: str, colour: str,
                     style: DocumentStyle) -> bytes:
    """Columns per quarter (the yearly cost that ends, in the unit of AXIS_LABEL), each with its note above (the
    same value as text); the axis's numbers with Finnish digit grouping."""
    figure = _matplotlib(style.font)(figsize=(WIDTH_CM * CM, 6.5 * CM))
    axes = figure.add_axes((0.12, 0.16, 0.86, 0.74))
    axes.bar(range(len(quarters)), counts, color=_hex(colour), width=0.6)
    for x, (value, note) in enumerate(zip(counts, notes, strict=True)):
        if value:
            axes.text(x, value + max(counts) * 0.02, note, ha="center", va="bottom", fontsize=7,
                      color=_hex(style.figures.text))
    axes.set_xticks(range(len(quarters)), quarters, fontsize=7)
    axes.set_ylabel(axis_label, fontsize=7)
    axes.set_ylim(0, max(counts + [1]) * 1.3)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.yaxis.set_major_formatter(lambda value, _position: fi_number(value).replace("\xa0", " "))
    axes.tick_params(axis="y", labelsize=7)
    axes.tick_params(colors=_hex(style.figures.text), length=0)
    return _png(figure)

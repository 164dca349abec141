"""The line plan's pictures: its roadmap (development path by channel, coloured by state, the build date) and its
metrics (baseline → target) as Word charts, from the line's data; worded captions and alternative texts from the
catalogue."""
from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.formatting import fi_date
from pipeline.render.figures import Bar, Measure, measures_charts, roadmap_charts
from pipeline.render.word.document import Pictures
from pipeline.render.word.text import WordText
from pipeline.schema import Milestone, PathKind
from pipeline.view.phases import PhaseState, phase_state


def bar_state(m: Milestone, as_of: dt.date) -> str:
    """The colour key of M's bar: its state (view.phases), a running phase in the planned colour (the legend says
    "planned or running"); an intermediate goal is a mark of its own."""
    if m.kind is PathKind.MILESTONE:
        return "milestone"
    state = phase_state(m, as_of)
    return "planned" if state is PhaseState.RUNNING else state.value


def roadmap_bars(w: WordText) -> list[Bar]:
    view = w.view
    return [Bar(w.channel(m.channel), m.name, m.start,
                (m.end if m.end and m.end >= m.start else m.start) if m.kind is not PathKind.MILESTONE else None,
                bar_state(m, view.as_of))
            for m in view.milestones_in_order if m.start]


def measures(w: WordText) -> list[Measure]:
    return [Measure(f"{w.channel(g.channel)}: {g.metric}", g.baseline, g.target, g.unit)
            for g in w.view.charted_metrics]


def line_figures(w: WordText, pictures: Pictures) -> dict[str, Any]:
    style, as_of, line = w.ctx.reference.document_style, w.view.as_of, w.view.name
    out: dict[str, Any] = {"roadmap": None, "metrics": None}
    bars = roadmap_bars(w)
    if bars:
        legend = dict(w.labels.node("word.figures.states"))
        charts = roadmap_charts(bars, as_of, legend, w("figures.today", date=fi_date(as_of)), style,
                                w("figures.roadmap_alt", line=line, count=len(bars), date=fi_date(as_of)))
        out["roadmap"] = pictures.add(charts, w("figures.roadmap_caption", number=pictures.next_number,
                                                date=fi_date(as_of)))
    found = measures(w)
    if found:
        charts = measures_charts(found, w("table.baseline"), w("table.target"), w("figures.unknown"), style,
                                 w("figures.metrics_alt", line=line, count=len(found)),
                                 lambda **values: w("figures.metric_alt", **values))
        out["metrics"] = pictures.add(charts, w("figures.metrics_caption", number=pictures.next_number))
    return out

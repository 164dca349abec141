"""The Word plans' "Muutokset edellisestä" section (and a combined plan's three most important changes on its
opening page), from the build's comparison in the render context. No comparison (a plan rendered outside a build):
no section."""
from __future__ import annotations

from typing import Any

from pipeline.render.changes_text import ChangeText
from pipeline.render.context import RenderContext
from pipeline.view.changes import Comparison


def line_delta(ctx: RenderContext, code: str) -> dict[str, Any] | None:
    """The section of one line's plan: its own changes, or that it has none, or that this is the first version."""
    if ctx.changes is None:
        return None
    words, comparison = ChangeText(ctx.labels), ctx.changes
    line = comparison.line(code)
    entries = (words.line_sentences(line) if line else []) or [words("none")]
    return {"heading": words.heading(comparison), "intro": words.intro(comparison),
            "groups": [] if comparison.first else [{"heading": "", "entries": entries}]}


def combined_delta(ctx: RenderContext, area: str | None) -> dict[str, Any] | None:
    """The section of an area's plan (AREA: its code) or the county's (None): each line's changes, then the lines
    without changes and those without a valid plan any more; and the three most important changes."""
    if ctx.changes is None:
        return None
    words = ChangeText(ctx.labels)
    comparison: Comparison = ctx.changes if area is None else ctx.changes.in_area(area)
    out: dict[str, Any] = {"heading": words.heading(comparison), "intro": words.intro(comparison, combined=True),
           "top_heading": words("top"), "groups": [], "top": []}
    if comparison.first:                # said once, in the section "Muutokset edellisestä": no top three
        return out
    groups = [{"heading": words.line_heading(line), "entries": words.line_sentences(line)}
              for line in comparison.lines if line.changes]
    unchanged = [words.line_heading(line) for line in comparison.lines if not line.changes]
    if unchanged:
        groups.append({"heading": words("unchanged"), "entries": unchanged})
    if comparison.removed:
        groups.append({"heading": words("removed_heading"),
                       "entries": [words("removed", line=x.name, code=x.code) for x in comparison.removed]})
    out["groups"] = groups
    out["top"] = [words.with_line(line, change) for line, change in comparison.top(3)] or [words("top_none")]
    return out

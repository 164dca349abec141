"""A build's facts snapshot: the plan views' values a steering group follows from month to month, as stable JSON.

Each build stores one snapshot (named by its as-of date) in the output folder's history; the next build compares
with it (pipeline/view/changes.py). The snapshot holds values only, never wording: dates in ISO form, choices by
their code, numbers as numbers. Keys are the workbook's stable IDs where it has them (services P01, systems J01)
and the item's own text elsewhere (decisions, risks, development-path phases).
"""
from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from pipeline.formatting import one_line

if TYPE_CHECKING:                 # a type only: reading a snapshot (a build with nothing to do) never loads the schema
    from pipeline.view.line import LineView

FORMAT = 1                                  # the snapshot's own format; a different one is not compared with


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _code(value: Any) -> str | None:
    return value.value if value is not None else None


def _key(text: str) -> str:
    return one_line(text).casefold()


def line_facts(view: LineView) -> dict[str, Any]:
    """The facts of one valid line that its changes are computed from."""
    plan, summary = view.plan, view.plan.summary
    services = {s.id.strip(): {"name": view.service_name(s.id), "channel": s.channel,
                               "wave": view.reference.wave_of(s.channel), "phase": _code(s.phase),
                               "golive": _iso(s.target_golive)}
                for s in view.services_in_order if s.id.strip()}
    phases = {_key(f"{m.channel} {m.name}"): {"name": one_line(m.name), "channel": m.channel,
                                              "start": _iso(m.start), "end": _iso(m.end)}
              for m in view.milestones_in_order if m.name.strip()}
    decisions = {_key(d.decision): {"text": one_line(d.decision), "status": _code(d.status) or "waiting",
                                    "due": _iso(d.due), "late": view.is_late(d)}
                 for d in view.decisions_by_due if d.decision.strip()}
    risks = {_key(r.description): {"text": one_line(r.description), "score": r.score}
             for r in plan.risks if r.description.strip()}
    systems = {s.id.strip(): {"name": view.system_canonical_name(s.id), "fate": _code(s.decision),
                              "exit_date": _iso(s.exit_date)}
               for s in plan.systems if s.id.strip()}
    return {
        "name": view.name,
        "area": view.area.code if view.area else view.area_name,
        "lights": {light.dimension: _code(light.light) for light in view.lights},
        "services": services,
        "phases": phases,
        "decisions": decisions,
        "risks": risks,
        "money": {"cost_one_off": summary.cost_one_off, "cost_yearly": summary.cost_yearly,
                  "savings_yearly": summary.savings_yearly},
        "staffing": {"new_fte": round(view.total_new_fte, 3)},
        "systems": systems,
    }


def snapshot(views: list[LineView], as_of: dt.date) -> dict[str, Any]:
    """The snapshot of a build: every valid line's facts by line code."""
    return {"format": FORMAT, "as_of": as_of.isoformat(),
            "lines": {view.code: line_facts(view) for view in views if view.code}}


def dump(data: dict[str, Any]) -> bytes:
    """The snapshot as stable text: sorted keys, one value a line, UTF-8 (same facts → same bytes)."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def load(data: bytes) -> dict[str, Any] | None:
    """A snapshot read back; None when it is not one this program can compare with."""
    try:
        found = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(found, dict) or found.get("format") != FORMAT or not isinstance(found.get("lines"), dict):
        return None
    return found

"""What changed between two facts snapshots (pipeline/view/snapshot.py): value objects, no wording.

A `Change` names its kind, the thing it concerns (`subject`, the workbook's own name or text), the old and new
values (dates as dates, choices as their enums, numbers as numbers) and, for moved dates, the days moved (positive:
later). A `Comparison` holds every line's changes in the order of the newer snapshot; the renderers choose words.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pipeline.choices import DecisionStatus, Light, SystemDecision

RISK_HIGH = 15                      # a new risk is reported from this likelihood × impact on (the red band)

# the kinds, in the order a line's changes are listed
KINDS = ("line_new", "service_added", "service_removed", "golive_moved", "phase_moved", "shutdown_moved",
         "system_fate", "decision_decided", "decision_rejected", "decision_new", "decision_late", "light",
         "risk_new", "risk_raised", "money", "staffing")


@dataclass(frozen=True)
class Change:
    kind: str                       # one of KINDS
    subject: str                    # what it concerns: a service's or system's name, a decision's text, a field key
    old: Any = None
    new: Any = None
    days: int | None = None         # a moved date: days later (negative: earlier)


@dataclass(frozen=True)
class LineChanges:
    code: str
    name: str
    area: str                       # the line's area code (or the workbook's text for a line outside it)
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Comparison:
    old_date: dt.date | None        # None: no earlier snapshot, this is the first version
    new_date: dt.date
    lines: tuple[LineChanges, ...]
    removed: tuple[LineChanges, ...] = ()     # lines of the earlier snapshot with no valid plan now

    @property
    def first(self) -> bool:
        return self.old_date is None

    def line(self, code: str) -> LineChanges | None:
        return next((line for line in self.lines if line.code == code), None)

    def in_area(self, area: str) -> Comparison:
        """The comparison of the lines of one area."""
        return Comparison(self.old_date, self.new_date, tuple(x for x in self.lines if x.area == area),
                          tuple(x for x in self.removed if x.area == area))

    @property
    def count(self) -> int:
        return sum(len(line.changes) for line in self.lines) + len(self.removed)

    def top(self, count: int = 3) -> list[tuple[LineChanges, Change]]:
        """The COUNT most important changes: the largest slips, new reds and newly late decisions, in turn."""
        every = [(line, change) for line in self.lines for change in line.changes]
        slips = sorted((x for x in every if x[1].kind in ("golive_moved", "shutdown_moved") and (x[1].days or 0) > 0),
                       key=lambda x: -(x[1].days or 0))
        reds = sorted((x for x in every if x[1].kind == "light" and x[1].new is Light.RED),
                      key=lambda x: x[1].subject != "overall")
        late = [x for x in every if x[1].kind == "decision_late"]
        picked: list[tuple[LineChanges, Change]] = []
        groups = [slips, reds, late]
        while len(picked) < count and any(groups):
            for group in groups:
                if group and len(picked) < count:
                    picked.append(group.pop(0))
        return picked


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _days(old: dt.date | None, new: dt.date | None) -> int | None:
    return (new - old).days if old and new else None


def _enum(kind: type, value: str | None) -> Any:
    try:
        return kind(value) if value else None
    except ValueError:
        return None


def _services(old: dict, new: dict) -> list[Change]:
    out = [Change("service_added", s["name"], new=_date(s["golive"])) for k, s in new.items() if k not in old]
    out += [Change("service_removed", s["name"], old=_date(s["golive"])) for k, s in old.items() if k not in new]
    for key, s in new.items():
        if key in old and old[key]["golive"] != s["golive"]:
            before, after = _date(old[key]["golive"]), _date(s["golive"])
            out.append(Change("golive_moved", s["name"], before, after, _days(before, after)))
    return out


def _phases(old: dict, new: dict) -> list[Change]:
    out = []
    for key, p in new.items():
        if key in old and (old[key]["start"], old[key]["end"]) != (p["start"], p["end"]):
            before, after = _date(old[key]["start"]), _date(p["start"])
            if before == after:
                before, after = _date(old[key]["end"]), _date(p["end"])
            out.append(Change("phase_moved", p["name"], before, after, _days(before, after)))
    return out


def _systems(old: dict, new: dict) -> list[Change]:
    out = []
    for key, s in new.items():
        if key not in old:
            continue
        dropped = s["exit_date"] is None and old[key]["fate"] != s["fate"]     # kept now: the fate says it
        if old[key]["exit_date"] != s["exit_date"] and not dropped:
            before, after = _date(old[key]["exit_date"]), _date(s["exit_date"])
            out.append(Change("shutdown_moved", s["name"], before, after, _days(before, after)))
        if old[key]["fate"] != s["fate"]:
            out.append(Change("system_fate", s["name"], _enum(SystemDecision, old[key]["fate"]),
                              _enum(SystemDecision, s["fate"])))
    return out


def _decisions(old: dict, new: dict) -> list[Change]:
    out = []
    for key, d in new.items():
        before = old.get(key)
        due = _date(d["due"])
        if before is None:
            out.append(Change("decision_new", d["text"], new=due))
        elif before["status"] != d["status"] and d["status"] in (DecisionStatus.DECIDED, DecisionStatus.REJECTED):
            kind = "decision_decided" if d["status"] == DecisionStatus.DECIDED else "decision_rejected"
            out.append(Change(kind, d["text"], DecisionStatus(before["status"]), DecisionStatus(d["status"])))
        if d["late"] and not (before or {}).get("late"):
            out.append(Change("decision_late", d["text"], new=due))
    return out


def _lights(old: dict, new: dict) -> list[Change]:
    return [Change("light", dimension, _enum(Light, old.get(dimension)), _enum(Light, value))
            for dimension, value in new.items() if old.get(dimension) != value]


def _risks(old: dict, new: dict) -> list[Change]:
    out = []
    for key, r in new.items():
        score = r["score"]
        if key not in old:
            if score is not None and score >= RISK_HIGH:
                out.append(Change("risk_new", r["text"], new=score))
        elif score is not None and (old[key]["score"] or 0) < score:
            out.append(Change("risk_raised", r["text"], old[key]["score"], score))
    return out


def _values(kind: str, old: dict, new: dict) -> list[Change]:
    return [Change(kind, key, old.get(key), value) for key, value in new.items() if old.get(key) != value]


def compare_lines(old: dict | None, new: dict) -> tuple[Change, ...]:
    """The changes of one line from its facts OLD (None: the line is new) to NEW."""
    if old is None:
        return (Change("line_new", new["name"]),)
    found = (_services(old["services"], new["services"]) + _phases(old["phases"], new["phases"])
             + _systems(old["systems"], new["systems"]) + _decisions(old["decisions"], new["decisions"])
             + _lights(old["lights"], new["lights"]) + _risks(old["risks"], new["risks"])
             + _values("money", old["money"], new["money"]) + _values("staffing", old["staffing"], new["staffing"]))
    return tuple(sorted(found, key=lambda c: KINDS.index(c.kind)))


def compare(old: dict[str, Any] | None, new: dict[str, Any]) -> Comparison:
    """The changes from snapshot OLD (None: no earlier one) to snapshot NEW."""
    new_date = dt.date.fromisoformat(new["as_of"])
    if old is None:
        lines = tuple(LineChanges(code, f["name"], f["area"], ()) for code, f in new["lines"].items())
        return Comparison(None, new_date, lines)
    lines = tuple(LineChanges(code, f["name"], f["area"], compare_lines(old["lines"].get(code), f))
                  for code, f in new["lines"].items())
    removed = tuple(LineChanges(code, f["name"], f["area"], ()) for code, f in old["lines"].items()
                    if code not in new["lines"])
    return Comparison(dt.date.fromisoformat(old["as_of"]), new_date, lines, removed)

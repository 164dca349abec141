"""What the kit takes from a line's workbook, checked: every value a message or a calendar entry shows, or a
problem naming the file, sheet and cell and how to fix it. A line with a problem gets no kit at all: never an
invitation with a hole in it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from pipeline.catalog import Labels
from pipeline.formatting import fi_time, one_line
from pipeline.intake.problems import Reporter
from pipeline.intake.result import IntakeResult, Problem, Severity
from pipeline.placeholders import placeholder_in
from pipeline.reference import Reference
from pipeline.schema import Workshop

URL_SCHEMES = ("https://", "http://")


@dataclass(frozen=True)
class KitWorkshop:
    number: int
    name: str
    start: dt.datetime            # aware, in the kit's time zone
    end: dt.datetime
    minutes: int                  # the workshop's length (templates/data/workshops.toml)


@dataclass(frozen=True)
class KitFacts:
    """One line's values for the kit, all present and checked."""
    file: str
    code: str
    line_name: str
    facilitator: str
    teams_link: str
    management: str
    participants: str
    version_date: dt.date
    workshops: list[KitWorkshop]


@dataclass
class Checked:
    """The facts (None when something is missing), the problems that stop the kit and the notices that do not."""
    facts: KitFacts | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def notices(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


class _Check:
    def __init__(self, result: IntakeResult, reference: Reference, labels: Labels) -> None:
        assert result.plan is not None
        self.result, self.plan, self.reference, self.labels = result, result.plan, reference, labels
        self.report = Reporter(result.path, labels)

    def where(self, key: str, name: str, row: int | None = None) -> dict[str, str]:
        layout = self.result.layouts.get(key)
        return {"sheet": layout.name if layout else self.labels.get(f"intake.sheets.{key}.name"),
                "cell": layout.cell(name, row) if layout else "",
                "field": self.labels.get(f"intake.sheets.{key}.fields.{name}.header")}

    def text(self, name: str) -> str:
        """A Perustiedot value shown in the messages, with a placeholder reported."""
        value = one_line(getattr(self.plan.basics, name))
        token = placeholder_in(value)
        if token:
            self.report.error("kit.placeholder", **self.where("basics", name), value=token)
        return value

    def teams_link(self) -> str:
        link = self.plan.basics.teams_link.strip()
        if not link:
            self.report.error("kit.teams_link_missing", **self.where("basics", "teams_link"))
        elif not link.lower().startswith(URL_SCHEMES) or any(c.isspace() for c in link):
            self.report.error("kit.teams_link_invalid", **self.where("basics", "teams_link"), value=link)
        return link

    def rows(self) -> dict[int, Workshop]:
        """The workbook's workshop rows by number; a second row of a number is reported, one outside the guide noted."""
        rows: dict[int, Workshop] = {}
        known = [w.number for w in self.reference.workshops]
        for row in self.plan.workshops:
            if row.number is None:
                continue
            if row.number in rows:
                self.report.error("kit.workshop_duplicate", **self.where("workshops", "number", row.row),
                                  number=row.number, other=rows[row.number].row)
            elif row.number not in known:
                self.report.warning("kit.workshop_unused", **self.where("workshops", "number", row.row),
                                    number=row.number, numbers=", ".join(map(str, known)))
            else:
                rows[row.number] = row
        return rows

    def workshops(self, zone: ZoneInfo) -> list[KitWorkshop]:
        rows = self.rows()
        default = self.reference.workshop_calendar.default_start_time
        found = []
        for info in self.reference.workshops:
            row = rows.get(info.number)
            if row is None:
                self.report.error("kit.workshop_missing", sheet=self.where("workshops", "number")["sheet"],
                                  number=info.number, name=info.name)
                continue
            start_time = row.start_time
            if row.date is None:
                self.report.error("kit.date_missing", **self.where("workshops", "date", row.row), number=info.number)
            if start_time is None and default is None:
                self.report.error("kit.time_missing", **self.where("workshops", "start_time", row.row),
                                  number=info.number)
            elif start_time is None:
                self.report.warning("kit.time_default", **self.where("workshops", "start_time", row.row),
                                    number=info.number, time=fi_time(default))
                start_time = default
            if row.date is None or start_time is None:
                continue
            name = row.name or info.name
            minutes = round(info.duration_hours * 60)
            start = dt.datetime.combine(row.date, start_time, tzinfo=zone)
            found.append(KitWorkshop(info.number, name, start, start + dt.timedelta(minutes=minutes), minutes))
        return found


def check(result: IntakeResult, reference: Reference, labels: Labels, zone: ZoneInfo) -> Checked:
    """The kit's facts of a valid workbook, or every problem that stops them, each naming its cell."""
    c = _Check(result, reference, labels)
    basics = c.plan.basics
    values = {"line_name": c.text("line_name"), "facilitator": c.text("facilitator"), "teams_link": c.teams_link(),
              "management": one_line(basics.management), "participants": one_line(basics.participants)}
    workshops = c.workshops(zone)
    problems = c.report.problems
    if any(p.severity is Severity.ERROR for p in problems) or basics.version_date is None:
        return Checked(None, problems)
    return Checked(KitFacts(file=result.path.name, code=basics.line_code.strip(), version_date=basics.version_date,
                            workshops=workshops, **values), problems)

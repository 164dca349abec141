"""The intake schema, declared once.

`LinePlan` is the plan of one service line. Its fields, in order, are the sheets of the intake workbook; each
sheet's row model declares the columns in order. Column metadata (`Col`) says how a column is filled and read:
width, required, id/reference, choice list. All wording (sheet names, headers, help texts, the guide's examples,
choice names) lives in the label catalogue `templates/labels/intake.<lang>.toml` and `enums.<lang>.toml` (Finnish
and Swedish), keyed by the English names used here; the choice lists are in `pipeline/choices.py`. The blank
workbook, the reader, the validator and the documentation all walk this module.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, ClassVar, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field

from pipeline.choices import (  # noqa: F401 — re-exported: the schema is imported from here
    Audience,
    Coverage,
    DeciderLevel,
    DecisionStatus,
    Funding,
    Light,
    PathKind,
    Perspective,
    Phase,
    PlanStatus,
    Priority,
    Readiness,
    RiskKind,
    Staffing,
    Status,
    StoryStage,
    SystemDecision,
    TaskKind,
)

SCHEMA_VERSION = 4


# --- column metadata ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Col:
    """How one column (or form row) is laid out and read."""
    width: int = 24
    required: bool = False
    wrap: bool = False                # shown wrapped; a wrapped text is multi-line unless `single_line`
    single_line: bool = False         # a wrapped text that is still one line (a name): read as one line
    id_prefix: str | None = None      # this column is the row's stable ID, e.g. "P" → P01, P02…
    ref: str | None = None            # values point at IDs of this sheet key ("services", "systems")
    source: str | None = None         # a choice list from reference data: "channel", "line", "area", "metric"
    open_list: bool = False           # the list only suggests: other values are accepted
    known: str | None = None          # free text that may be a reference text, "workshop", "checklist" or "unit":
                                      # shown in the run's language, read in any (templates/data names)
    minimum: float | None = None
    maximum: float | None = None
    since: int = 1                    # the schema version that added the column: older workbooks lack it rightly
    money: bool = False               # euros: shown with the euro format

    @property
    def multiline(self) -> bool:
        """A text read with its line breaks (each line trimmed); any other text is read as one line, its runs of
        whitespace one space (pipeline/words.py: lines, one_line)."""
        return self.wrap and not self.single_line


@cache
def col_of(model: type[BaseModel], name: str) -> Col:
    return next(m for m in model.model_fields[name].metadata if isinstance(m, Col))


@cache
def base_type(model: type[BaseModel], name: str) -> tuple[Any, bool]:
    """The field's value type, without Optional, and whether it holds a list."""
    annotation = model.model_fields[name].annotation
    is_list = get_origin(annotation) is list
    if is_list:
        annotation = get_args(annotation)[0]
    args = [a for a in get_args(annotation) if a is not type(None)]
    if args and get_origin(annotation) is not None:
        annotation = args[0]
    return annotation, is_list


class Row(BaseModel):
    """A row of an intake sheet; `row` is where it stood in the workbook (for messages, not compared)."""
    model_config = ConfigDict(extra="forbid", use_enum_values=False)
    layout: ClassVar[str] = "table"        # "table" (one row per item) or "form" (label / value rows)
    min_rows: ClassVar[int] = 1            # rows expected for the sheet to count as complete
    since: ClassVar[int] = 1               # the schema version that added the sheet
    optional: ClassVar[bool] = False       # a line may leave the sheet empty (or without it: a warning)
    label_field: ClassVar[str | None] = None   # with an ID column: the field shown after the ID, "P01 Päivystysapu"
    row: int | None = Field(default=None, exclude=True, repr=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Row):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    __hash__ = None  # type: ignore[assignment]


# --- the sheets ---------------------------------------------------------------------------------------------------

class Basics(Row):
    """Perustiedot: who the line is and who plans its move."""
    layout: ClassVar[str] = "form"
    area: Annotated[str, Col(width=50, required=True, source="area")] = ""
    line_code: Annotated[str, Col(width=50, required=True, source="line")] = ""
    line_name: Annotated[str, Col(width=50, required=True)] = ""
    facilitator: Annotated[str, Col(width=50, required=True)] = ""
    management: Annotated[str, Col(width=50, wrap=True)] = ""
    participants: Annotated[str, Col(width=50, wrap=True)] = ""
    teams_link: Annotated[str, Col(width=50)] = ""
    version_date: Annotated[dt.date | None, Col(width=50, required=True)] = None
    plan_status: Annotated[PlanStatus | None, Col(width=50, since=3)] = None
    approver: Annotated[str, Col(width=50, since=3)] = ""
    note: Annotated[str, Col(width=50, wrap=True)] = ""


class LeadershipSummary(Row):
    """Johdon yhteenveto: what leadership decides with — the key message, status lights, costs."""
    since: ClassVar[int] = 3
    layout: ClassVar[str] = "form"
    key_message: Annotated[str, Col(width=60, wrap=True)] = ""
    overall: Annotated[Light | None, Col(width=60)] = None
    overall_reason: Annotated[str, Col(width=60, wrap=True)] = ""
    schedule: Annotated[Light | None, Col(width=60)] = None
    schedule_reason: Annotated[str, Col(width=60, wrap=True)] = ""
    readiness: Annotated[Light | None, Col(width=60)] = None
    readiness_reason: Annotated[str, Col(width=60, wrap=True)] = ""
    resources: Annotated[Light | None, Col(width=60)] = None
    resources_reason: Annotated[str, Col(width=60, wrap=True)] = ""
    risks: Annotated[Light | None, Col(width=60)] = None
    risks_reason: Annotated[str, Col(width=60, wrap=True)] = ""
    cost_one_off: Annotated[float | None, Col(width=60, minimum=0, maximum=1e9, money=True)] = None
    cost_yearly: Annotated[float | None, Col(width=60, minimum=0, maximum=1e9, money=True)] = None
    savings_yearly: Annotated[float | None, Col(width=60, minimum=0, maximum=1e9, money=True)] = None
    cost_basis: Annotated[str, Col(width=60, wrap=True)] = ""


class Decision(Row):
    """Päätösesitykset: what the line asks its leadership to decide."""
    since: ClassVar[int] = 3
    min_rows: ClassVar[int] = 0
    decision: Annotated[str, Col(width=60, required=True, wrap=True)] = ""
    decider: Annotated[DeciderLevel | None, Col(width=24, required=True)] = None
    decider_name: Annotated[str, Col(width=28, wrap=True, single_line=True)] = ""
    due: Annotated[dt.date | None, Col(width=14)] = None
    status: Annotated[DecisionStatus | None, Col(width=16)] = None
    notes: Annotated[str, Col(width=50, wrap=True)] = ""

    @property
    def waiting(self) -> bool:
        """Not decided yet (a decision without a status is still waiting)."""
        return self.status in (None, DecisionStatus.WAITING)


class Workshop(Row):
    min_rows: ClassVar[int] = 4
    number: Annotated[int | None, Col(width=8, required=True, minimum=1, maximum=9)] = None
    name: Annotated[str, Col(width=60, required=True, wrap=True, single_line=True, known="workshop")] = ""
    date: Annotated[dt.date | None, Col(width=14)] = None
    start_time: Annotated[dt.time | None, Col(width=12, since=3)] = None
    notes: Annotated[str, Col(width=50, wrap=True)] = ""


class Service(Row):
    label_field: ClassVar[str | None] = "name"
    id: Annotated[str, Col(width=9, required=True, id_prefix="P")] = ""
    channel: Annotated[str, Col(width=22, required=True, source="channel")] = ""
    phase: Annotated[Phase | None, Col(width=22, required=True)] = None
    use_case: Annotated[str, Col(width=40, required=True, wrap=True)] = ""
    name: Annotated[str, Col(width=26, required=True, wrap=True, single_line=True)] = ""
    description: Annotated[str, Col(width=50, required=True, wrap=True)] = ""
    main_process: Annotated[str, Col(width=26, wrap=True)] = ""
    customer_groups: Annotated[str, Col(width=30, required=True, wrap=True)] = ""
    customer_value: Annotated[str, Col(width=40, wrap=True)] = ""
    customer_changes: Annotated[str, Col(width=40, wrap=True)] = ""
    customer_stays: Annotated[str, Col(width=40, wrap=True)] = ""
    current_tools: Annotated[str, Col(width=30, wrap=True)] = ""
    systems: Annotated[list[str], Col(width=16, ref="systems")] = []
    professionals: Annotated[str, Col(width=36, wrap=True)] = ""
    professional_values: Annotated[str, Col(width=40, wrap=True)] = ""
    professional_changes: Annotated[str, Col(width=40, wrap=True)] = ""
    professional_stays: Annotated[str, Col(width=40, wrap=True)] = ""
    constraints: Annotated[str, Col(width=36, wrap=True)] = ""
    priority: Annotated[Priority | None, Col(width=14)] = None
    target_golive: Annotated[dt.date | None, Col(width=16)] = None


class Goal(Row):
    channel: Annotated[str, Col(width=22, required=True, source="channel")] = ""
    goal: Annotated[str, Col(width=50, required=True, wrap=True)] = ""
    metric: Annotated[str, Col(width=40, required=True, source="metric", open_list=True, wrap=True)] = ""
    unit: Annotated[str, Col(width=14, known="unit")] = ""
    baseline: Annotated[float | None, Col(width=14)] = None
    target: Annotated[float | None, Col(width=14)] = None
    target_date: Annotated[dt.date | None, Col(width=14)] = None
    baseline_source: Annotated[str, Col(width=36, wrap=True)] = ""
    target_source: Annotated[str, Col(width=36, wrap=True)] = ""


class Milestone(Row):
    channel: Annotated[str, Col(width=22, required=True, source="channel")] = ""
    name: Annotated[str, Col(width=40, required=True, wrap=True, single_line=True)] = ""
    kind: Annotated[PathKind | None, Col(width=14, required=True)] = None
    start: Annotated[dt.date | None, Col(width=13, required=True)] = None
    end: Annotated[dt.date | None, Col(width=13)] = None
    intermediate_goal: Annotated[str, Col(width=40, wrap=True)] = ""
    owner: Annotated[str, Col(width=24)] = ""
    dependencies: Annotated[str, Col(width=30, wrap=True)] = ""
    status: Annotated[Status | None, Col(width=14)] = None


class Task(Row):
    item: Annotated[str, Col(width=50, required=True, wrap=True)] = ""
    kind: Annotated[TaskKind | None, Col(width=18, required=True)] = None
    channel: Annotated[str, Col(width=22, source="channel")] = ""
    service: Annotated[str, Col(width=12, ref="services")] = ""
    owner: Annotated[str, Col(width=24)] = ""
    due: Annotated[dt.date | None, Col(width=13)] = None
    status: Annotated[Status | None, Col(width=14)] = None

    @property
    def is_open(self) -> bool:
        """Not done yet (a task with no status counts as open)."""
        return self.status is not Status.DONE

    def is_overdue(self, as_of: dt.date) -> bool:
        """Open and due before AS_OF, the build's "today"."""
        return self.is_open and self.due is not None and self.due < as_of


class GiveUp(Row):
    min_rows: ClassVar[int] = 0
    optional: ClassVar[bool] = True
    item: Annotated[str, Col(width=50, required=True, wrap=True)] = ""
    channel: Annotated[str, Col(width=22, source="channel")] = ""
    service: Annotated[str, Col(width=12, ref="services")] = ""
    system: Annotated[str, Col(width=12, ref="systems")] = ""
    from_date: Annotated[dt.date | None, Col(width=13)] = None
    owner: Annotated[str, Col(width=24)] = ""


class System(Row):
    min_rows: ClassVar[int] = 0
    optional: ClassVar[bool] = True
    label_field: ClassVar[str | None] = "name"
    id: Annotated[str, Col(width=9, required=True, id_prefix="J")] = ""
    name: Annotated[str, Col(width=28, required=True, source="system", open_list=True)] = ""
    purpose: Annotated[str, Col(width=36, wrap=True)] = ""
    channels: Annotated[list[str], Col(width=26, source="channel")] = []
    coverage: Annotated[Coverage | None, Col(width=20)] = None
    regions: Annotated[str, Col(width=24, wrap=True)] = ""
    replacement: Annotated[str, Col(width=28, wrap=True)] = ""
    replacement_date: Annotated[dt.date | None, Col(width=14)] = None
    exit_date: Annotated[dt.date | None, Col(width=14)] = None
    exit_actions: Annotated[str, Col(width=40, wrap=True)] = ""
    dependencies: Annotated[str, Col(width=30, wrap=True)] = ""
    owner: Annotated[str, Col(width=24)] = ""
    status: Annotated[Status | None, Col(width=14)] = None
    decision: Annotated[SystemDecision | None, Col(width=18, since=3)] = None
    keeps: Annotated[str, Col(width=32, wrap=True, since=3)] = ""
    contract_end: Annotated[dt.date | None, Col(width=14, since=3)] = None
    notice_months: Annotated[int | None, Col(width=12, minimum=0, maximum=60, since=3)] = None
    yearly_cost: Annotated[float | None, Col(width=14, minimum=0, maximum=1e9, since=3, money=True)] = None
    archiving: Annotated[str, Col(width=36, wrap=True, since=3)] = ""
    retention: Annotated[str, Col(width=24, wrap=True, since=3)] = ""
    system_owner: Annotated[str, Col(width=24, since=3)] = ""
    decider: Annotated[str, Col(width=24, since=3)] = ""

    @property
    def exits(self) -> bool:
        """The line gives the system up (exit, or keep partly: the rest goes); None decision counts as undecided."""
        return self.decision in (SystemDecision.EXIT, SystemDecision.KEEP_PARTLY)

    @property
    def shuts_down(self) -> bool:
        """The line gives the whole system up (exit): only then is it drawn or listed as a shutdown; a system kept
        partly stays in use."""
        return self.decision is SystemDecision.EXIT

    @property
    def notice_deadline(self) -> dt.date | None:
        """The last day notice can be given for the contract to end on its end date (same day of the month,
        NOTICE_MONTHS earlier; the month's last day when that month is shorter)."""
        if not self.contract_end or self.notice_months is None:
            return None
        index = self.contract_end.year * 12 + self.contract_end.month - 1 - self.notice_months
        year, month = divmod(index, 12)
        return dt.date(year, month + 1, min(self.contract_end.day, calendar.monthrange(year, month + 1)[1]))


class StoryItem(Row):
    min_rows: ClassVar[int] = 3
    stage: Annotated[StoryStage | None, Col(width=36, required=True)] = None
    text: Annotated[str, Col(width=90, required=True, wrap=True)] = ""


class PerspectiveItem(Row):
    min_rows: ClassVar[int] = 4
    perspective: Annotated[Perspective | None, Col(width=36, required=True)] = None
    text: Annotated[str, Col(width=90, required=True, wrap=True)] = ""


class LeaderSupport(Row):
    """Johdon ja lähijohtajien tuki: the guide's question 6, how management and line managers are supported."""
    since: ClassVar[int] = 3
    min_rows: ClassVar[int] = 1
    measure: Annotated[str, Col(width=50, required=True, wrap=True)] = ""
    audience: Annotated[list[Audience], Col(width=30)] = []
    timing: Annotated[str, Col(width=20, wrap=True)] = ""
    owner: Annotated[str, Col(width=24)] = ""
    tools: Annotated[str, Col(width=40, wrap=True)] = ""


class Term(Row):
    professional: Annotated[str, Col(width=36, required=True, wrap=True)] = ""
    customer: Annotated[str, Col(width=36, required=True, wrap=True)] = ""
    notes: Annotated[str, Col(width=50, wrap=True)] = ""


class Resource(Row):
    service: Annotated[str, Col(width=12, ref="services")] = ""
    role: Annotated[str, Col(width=30, required=True, wrap=True)] = ""
    competence: Annotated[str, Col(width=40, wrap=True)] = ""
    people: Annotated[str, Col(width=30, wrap=True)] = ""
    new_fte: Annotated[float | None, Col(width=14, minimum=0, maximum=1000)] = None
    arrangement: Annotated[Staffing | None, Col(width=22, since=4)] = None
    funding: Annotated[Funding | None, Col(width=16, since=4)] = None
    funding_decision: Annotated[str, Col(width=30, wrap=True, since=4)] = ""
    notes: Annotated[str, Col(width=40, wrap=True)] = ""

    @property
    def staffing(self) -> Staffing:
        """How the need is met; a row without it (schema 2 and 3) is a new recruitment, as its column then said."""
        return self.arrangement or Staffing.NEW


class ReadinessItem(Row):
    item: Annotated[str, Col(width=70, required=True, wrap=True, known="checklist")] = ""
    status: Annotated[Readiness | None, Col(width=18)] = None
    notes: Annotated[str, Col(width=60, wrap=True)] = ""


class Risk(Row):
    kind: Annotated[RiskKind | None, Col(width=16, required=True)] = None
    description: Annotated[str, Col(width=50, required=True, wrap=True)] = ""
    likelihood: Annotated[int | None, Col(width=14, minimum=1, maximum=5)] = None
    impact: Annotated[int | None, Col(width=14, minimum=1, maximum=5)] = None
    mitigation: Annotated[str, Col(width=50, wrap=True)] = ""
    owner: Annotated[str, Col(width=24)] = ""

    @property
    def score(self) -> int | None:
        """Likelihood × impact (1–25), or None while either is unrated."""
        return self.likelihood * self.impact if self.likelihood and self.impact else None


class HistoryEntry(Row):
    """Muutoshistoria: the plan's versions, newest last (optional)."""
    since: ClassVar[int] = 3
    min_rows: ClassVar[int] = 0
    version: Annotated[str, Col(width=12, required=True)] = ""
    date: Annotated[dt.date | None, Col(width=14, required=True)] = None
    author: Annotated[str, Col(width=28)] = ""
    changes: Annotated[str, Col(width=70, wrap=True)] = ""


class LinePlan(BaseModel):
    """One service line's plan; the field order is the sheet order of the intake workbook."""
    model_config = ConfigDict(extra="forbid")
    basics: Basics = Basics()
    summary: LeadershipSummary = LeadershipSummary()
    decisions: list[Decision] = []
    workshops: list[Workshop] = []
    services: list[Service] = []
    goals: list[Goal] = []
    milestones: list[Milestone] = []
    tasks: list[Task] = []
    giveups: list[GiveUp] = []
    systems: list[System] = []
    story: list[StoryItem] = []
    perspectives: list[PerspectiveItem] = []
    leader_support: list[LeaderSupport] = []
    terms: list[Term] = []
    resources: list[Resource] = []
    readiness: list[ReadinessItem] = []
    risks: list[Risk] = []
    history: list[HistoryEntry] = []

    # -- views used by every renderer ------------------------------------------------------------------------------
    def services_in(self, channel: str) -> list[Service]:
        return [s for s in self.services if s.channel == channel]

    def goals_in(self, channel: str) -> list[Goal]:
        return [g for g in self.goals if g.channel == channel]

    def milestones_in(self, channel: str) -> list[Milestone]:
        return sorted((m for m in self.milestones if m.channel == channel),
                      key=lambda m: (m.start or dt.date.max, m.end or dt.date.max))

    def service(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)

    def system(self, system_id: str) -> System | None:
        return next((s for s in self.systems if s.id == system_id), None)

    def path_span(self) -> tuple[dt.date, dt.date] | None:
        dates = [d for m in self.milestones for d in (m.start, m.end) if d]
        return (min(dates), max(dates)) if dates else None


@dataclass(frozen=True)
class SheetSpec:
    key: str                      # LinePlan field name, also the catalogue key
    model: type[Row]

    @property
    def is_form(self) -> bool:
        return self.model.layout == "form"

    @property
    def id_field(self) -> str | None:
        return next((f for f in self.fields if self.col(f).id_prefix), None)

    @property
    def fields(self) -> list[str]:
        return [name for name in self.model.model_fields if name != "row"]

    def col(self, name: str) -> Col:
        return col_of(self.model, name)


def _sheet_model(name: str) -> type[Row]:
    annotation = LinePlan.model_fields[name].annotation
    model = get_args(annotation)[0] if get_origin(annotation) is list else annotation
    assert isinstance(model, type) and issubclass(model, Row), name
    return model


SHEETS: tuple[SheetSpec, ...] = tuple(SheetSpec(name, _sheet_model(name)) for name in LinePlan.model_fields)


def sheet(key: str) -> SheetSpec:
    return next(s for s in SHEETS if s.key == key)


def id_sheets() -> dict[str, SheetSpec]:
    """Sheets whose rows carry a stable ID, by key (the targets of `Col.ref`)."""
    return {s.key: s for s in SHEETS for f in s.fields if s.col(f).id_prefix}

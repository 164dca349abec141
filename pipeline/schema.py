"""The intake schema, declared once.

`LinePlan` is the plan of one service line. Its fields, in order, are the sheets of the intake workbook; each
sheet's row model declares the columns in order. Column metadata (`Col`) says how a column is filled and read:
width, required, id/reference, choice list. All wording (sheet names, headers, help texts, the guide's examples,
choice names) lives in the label catalogue `templates/labels/intake.fi.toml` and `enums.fi.toml`, keyed by the
English names used here. The blank workbook, the reader, the validator and the documentation all walk this module.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, ClassVar, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 2


# --- choice lists (display names in templates/labels/enums.fi.toml) -------------------------------------------------

class Phase(StrEnum):
    """The customer-guidance phase of a use case (asiakasohjauksen vaihe)."""
    BEFORE = "before"
    DURING = "during"
    STEERING = "steering"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    ON_HOLD = "on_hold"


class PathKind(StrEnum):
    PHASE = "phase"
    MILESTONE = "milestone"


class TaskKind(StrEnum):
    OPEN_POINT = "open_point"
    TASK = "task"


class Coverage(StrEnum):
    COUNTY = "county"
    SOME_REGIONS = "some_regions"


class StoryStage(StrEnum):
    BEFORE = "before"
    CHANGES = "changes"
    DRIVERS = "drivers"


class Perspective(StrEnum):
    SUPPORT = "support"
    OPPORTUNITIES = "opportunities"
    HELP = "help"
    CONCERNS = "concerns"


class Readiness(StrEnum):
    READY = "ready"
    PARTIAL = "partial"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"


class RiskKind(StrEnum):
    RISK = "risk"
    DEPENDENCY = "dependency"


# --- column metadata ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Col:
    """How one column (or form row) is laid out and read."""
    width: int = 24
    required: bool = False
    wrap: bool = False
    id_prefix: str | None = None      # this column is the row's stable ID, e.g. "P" → P01, P02…
    ref: str | None = None            # values point at IDs of this sheet key ("services", "systems")
    source: str | None = None         # a choice list from reference data: "channel", "line", "area", "metric"
    open_list: bool = False           # the list only suggests: other values are accepted
    minimum: float | None = None
    maximum: float | None = None


def col_of(model: type[BaseModel], name: str) -> Col:
    return next(m for m in model.model_fields[name].metadata if isinstance(m, Col))


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
    note: Annotated[str, Col(width=50, wrap=True)] = ""


class Workshop(Row):
    min_rows: ClassVar[int] = 4
    number: Annotated[int | None, Col(width=8, required=True, minimum=1, maximum=9)] = None
    name: Annotated[str, Col(width=60, required=True, wrap=True)] = ""
    date: Annotated[dt.date | None, Col(width=14)] = None
    notes: Annotated[str, Col(width=50, wrap=True)] = ""


class Service(Row):
    label_field: ClassVar[str | None] = "name"
    id: Annotated[str, Col(width=9, required=True, id_prefix="P")] = ""
    channel: Annotated[str, Col(width=22, required=True, source="channel")] = ""
    phase: Annotated[Phase | None, Col(width=22, required=True)] = None
    use_case: Annotated[str, Col(width=40, required=True, wrap=True)] = ""
    name: Annotated[str, Col(width=26, required=True, wrap=True)] = ""
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
    unit: Annotated[str, Col(width=14)] = ""
    baseline: Annotated[float | None, Col(width=14)] = None
    target: Annotated[float | None, Col(width=14)] = None
    target_date: Annotated[dt.date | None, Col(width=14)] = None
    baseline_source: Annotated[str, Col(width=36, wrap=True)] = ""
    target_source: Annotated[str, Col(width=36, wrap=True)] = ""


class Milestone(Row):
    channel: Annotated[str, Col(width=22, required=True, source="channel")] = ""
    name: Annotated[str, Col(width=40, required=True, wrap=True)] = ""
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


class StoryItem(Row):
    min_rows: ClassVar[int] = 3
    stage: Annotated[StoryStage | None, Col(width=36, required=True)] = None
    text: Annotated[str, Col(width=90, required=True, wrap=True)] = ""


class PerspectiveItem(Row):
    min_rows: ClassVar[int] = 4
    perspective: Annotated[Perspective | None, Col(width=36, required=True)] = None
    text: Annotated[str, Col(width=90, required=True, wrap=True)] = ""


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
    notes: Annotated[str, Col(width=40, wrap=True)] = ""


class ReadinessItem(Row):
    item: Annotated[str, Col(width=70, required=True, wrap=True)] = ""
    status: Annotated[Readiness | None, Col(width=18)] = None
    notes: Annotated[str, Col(width=60, wrap=True)] = ""


class Risk(Row):
    kind: Annotated[RiskKind | None, Col(width=16, required=True)] = None
    description: Annotated[str, Col(width=50, required=True, wrap=True)] = ""
    likelihood: Annotated[int | None, Col(width=14, minimum=1, maximum=5)] = None
    impact: Annotated[int | None, Col(width=14, minimum=1, maximum=5)] = None
    mitigation: Annotated[str, Col(width=50, wrap=True)] = ""
    owner: Annotated[str, Col(width=24)] = ""


class LinePlan(BaseModel):
    """One service line's plan; the field order is the sheet order of the intake workbook."""
    model_config = ConfigDict(extra="forbid")
    basics: Basics = Basics()
    workshops: list[Workshop] = []
    services: list[Service] = []
    goals: list[Goal] = []
    milestones: list[Milestone] = []
    tasks: list[Task] = []
    giveups: list[GiveUp] = []
    systems: list[System] = []
    story: list[StoryItem] = []
    perspectives: list[PerspectiveItem] = []
    terms: list[Term] = []
    resources: list[Resource] = []
    readiness: list[ReadinessItem] = []
    risks: list[Risk] = []

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

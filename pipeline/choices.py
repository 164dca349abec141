"""The intake schema's choice lists: the values a drop-down column takes (part of the one declaration in schema.py,
which re-exports them). Display names are in templates/labels/enums.fi.toml, keyed by these values."""
from __future__ import annotations

from enum import StrEnum


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


class PlanStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"


class Light(StrEnum):
    """A status light: how a dimension of the plan stands."""
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


class DeciderLevel(StrEnum):
    LINE = "line"
    AREA = "area"
    COUNTY = "county"
    BODY = "body"


class DecisionStatus(StrEnum):
    WAITING = "waiting"
    DECIDED = "decided"
    REJECTED = "rejected"


class Audience(StrEnum):
    MANAGEMENT = "management"
    LINE_MANAGERS = "line_managers"
    SUPERVISORS = "supervisors"


class SystemDecision(StrEnum):
    """What the line does with a legacy system once the platform is in use."""
    EXIT = "exit"
    KEEP = "keep"
    KEEP_PARTLY = "keep_partly"


class Staffing(StrEnum):
    """How a resourcing row's need is met (schema 4)."""
    NEW = "new"                      # new recruitment: the only new need
    TRANSFER = "transfer"            # transfer from other duties
    EXISTING = "existing"            # within existing resources


class Funding(StrEnum):
    """Where a resourcing row's money stands (schema 4)."""
    DECIDED = "decided"
    PROPOSED = "proposed"            # a decision is proposed (its ID or text in the funding decision column)
    REJECTED = "rejected"
    NOT_NEEDED = "not_needed"

"""What reading one intake workbook gives: the plan (if readable), every problem found, completeness."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.schema import LinePlan

if TYPE_CHECKING:
    from pipeline.intake.parse import SheetLayout


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    code: str
    severity: Severity
    file: str
    sheet: str = ""
    cell: str = ""
    field: str = ""
    value: str = ""
    message: str = ""
    hint: str = ""

    def as_dict(self, severity_name: str) -> dict[str, str]:
        data = asdict(self)
        data["severity"] = severity_name
        return data


@dataclass(frozen=True)
class Completeness:
    """Filled / expected for one section (sheet)."""
    sheet: str
    filled: int
    expected: int

    @property
    def ratio(self) -> float:
        return self.filled / self.expected if self.expected else 1.0


@dataclass
class IntakeResult:
    path: Path
    plan: LinePlan | None
    problems: list[Problem] = field(default_factory=list)
    completeness: list[Completeness] = field(default_factory=list)
    layouts: dict[str, SheetLayout] = field(default_factory=dict)   # where each sheet's data stood (cells)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def valid(self) -> bool:
        return self.plan is not None and not self.errors

    @property
    def line_code(self) -> str:
        return self.plan.basics.line_code if self.plan else ""

    @property
    def overall_completeness(self) -> float:
        filled = sum(c.filled for c in self.completeness)
        expected = sum(c.expected for c in self.completeness)
        return filled / expected if expected else 0.0

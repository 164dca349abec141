"""What reading one intake workbook gives: the plan (if readable), every problem found, completeness."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.schema import LinePlan

if TYPE_CHECKING:
    from pipeline.intake.layout import SheetLayout


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
    lost: bool = False          # content that is not read into the plan (see Reporter.add)

    def as_dict(self, severity_name: str) -> dict[str, str]:
        data = asdict(self)
        data["severity"] = severity_name
        return data


@dataclass(frozen=True)
class Completeness:
    """Filled / expected for one section (sheet). Nothing expected (an optional sheet left empty): not filled,
    shown as such and not counted in the overall figure, never as 100 %."""
    sheet: str
    filled: int
    expected: int

    @property
    def ratio(self) -> float | None:
        return self.filled / self.expected if self.expected else None


@dataclass
class IntakeResult:
    path: Path
    plan: LinePlan | None
    problems: list[Problem] = field(default_factory=list)
    completeness: list[Completeness] = field(default_factory=list)
    superseded_by: str = ""         # the file name of a newer workbook of the same line, which is used instead
    layouts: dict[str, SheetLayout] = field(default_factory=dict)   # where each sheet's data stood (cells)
    sample: bool = False            # marked as invented sample data (the instructions sheet's banner)

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
    def used(self) -> bool:
        """Valid, and no newer workbook of the same line is used instead: its documents are built."""
        return self.valid and not self.superseded_by

    @property
    def line_code(self) -> str:
        return self.plan.basics.line_code if self.plan else ""

    @property
    def overall_completeness(self) -> float:
        filled = sum(c.filled for c in self.completeness)
        expected = sum(c.expected for c in self.completeness)
        return filled / expected if expected else 0.0

"""Reading one intake workbook end to end: file checks → raw cells → plan → rules → completeness."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.catalog import Labels
from pipeline.exceptions import IntakeError
from pipeline.intake.completeness import completeness
from pipeline.intake.parse import PlanParser
from pipeline.intake.problems import Reporter
from pipeline.intake.reader import read_raw
from pipeline.intake.result import IntakeResult
from pipeline.intake.validate import validate
from pipeline.reference import Reference


def read_intake(path: Path, reference: Reference, labels: Labels, *, check_version: bool = True,
                as_of: dt.date | None = None) -> IntakeResult:
    """Everything known about the workbook at PATH. Never raises for bad input: problems are in the result."""
    report = Reporter(path, labels)
    try:
        raw = read_raw(path)
    except IntakeError as error:
        report.error(error.code, **error.values)
        return IntakeResult(path, None, report.problems)
    parsed = PlanParser(raw, reference, labels, report).parse(check_version=check_version)
    validate(parsed, reference, labels, report, as_of)
    return IntakeResult(path, parsed.plan, report.problems, completeness(parsed.plan))


def read_intakes(paths: list[Path], reference: Reference, labels: Labels,
                 as_of: dt.date | None = None) -> list[IntakeResult]:
    return checked_together([read_intake(path, reference, labels, as_of=as_of) for path in paths], labels)


def checked_together(results: list[IntakeResult], labels: Labels) -> list[IntakeResult]:
    """What only the workbooks read together tell (two workbooks of one line), added to RESULTS (read one by one,
    e.g. in parallel by the build)."""
    _flag_duplicate_lines(results, labels)
    return results


def _flag_duplicate_lines(results: list[IntakeResult], labels: Labels) -> None:
    """Two workbooks for one line: both are reported, so nobody wonders which one was used."""
    by_code: dict[str, list[IntakeResult]] = {}
    for result in results:
        if result.line_code:
            by_code.setdefault(result.line_code, []).append(result)
    for code, group in by_code.items():
        for result in group if len(group) > 1 else []:
            others = ", ".join(r.path.name for r in group if r is not result)
            report = Reporter(result.path, labels)
            report.error("line.duplicate", value=code, other=others)
            result.problems.extend(report.problems)

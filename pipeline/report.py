"""The validation report: text grouped by workbook, or JSON objects with fixed keys."""
from __future__ import annotations

import datetime as dt
import json

from pipeline.catalog import Labels
from pipeline.formatting import fi_date
from pipeline.intake.result import IntakeResult, Problem

JSON_KEYS = ("code", "severity", "file", "sheet", "cell", "field", "value", "message", "hint")


def status_key(result: IntakeResult) -> str:
    """valid, invalid or unreadable (report.* in the catalogue)."""
    if result.plan is None:
        return "unreadable"
    return "valid" if result.valid else "invalid"


def _status(result: IntakeResult, labels: Labels) -> str:
    return labels.get(f"report.{status_key(result)}")


def problem_line(problem: Problem, labels: Labels) -> str:
    location = " › ".join(p for p in (problem.sheet, problem.cell) if p)
    where = location + (labels.get("report.field", field=problem.field) if problem.field else "")
    key = "report.problem_line" if where else "report.problem_line_file"
    return labels.get(key, severity=labels.get(f"enums.Severity.{problem.severity.value}"), where=where.strip(),
                      message=problem.message, hint=problem.hint)


def workbook_line(result: IntakeResult, labels: Labels) -> str:
    percent = round(result.overall_completeness * 100)
    return labels.get("report.workbook_line", file=result.path.name, status=_status(result, labels),
                      errors=len(result.errors), warnings=len(result.warnings),
                      completeness=labels.get("report.completeness", percent=percent) if result.plan else "")


def completeness_line(result: IntakeResult, labels: Labels) -> str:
    parts = [labels.get("report.section", sheet=labels.get(f"intake.sheets.{c.sheet}.name"),
                        percent=round(c.ratio * 100)) for c in result.completeness]
    return labels.get("report.sections", sections=", ".join(parts))


def summary_line(results: list[IntakeResult], labels: Labels) -> str:
    valid = sum(1 for r in results if r.valid)
    return labels.get("report.summary", total=len(results), valid=valid, invalid=len(results) - valid)


def text_report(results: list[IntakeResult], labels: Labels, dated: dt.date | None = None) -> str:
    """The report as text; with DATED, as a file: a title and the date the workbooks were checked first."""
    lines = [labels.get("report.report_title"), labels.get("report.report_generated", date=fi_date(dated)), ""] \
        if dated else []
    for result in results:
        lines.append(workbook_line(result, labels))
        if result.completeness:
            lines.append(completeness_line(result, labels))
        lines.extend(problem_line(p, labels) for p in result.problems)
    lines.append(summary_line(results, labels))
    return "\n".join(lines) + "\n"


def json_report(results: list[IntakeResult], labels: Labels) -> str:
    items = [{key: problem.as_dict(labels.get(f"enums.Severity.{problem.severity.value}"))[key] for key in JSON_KEYS}
             for result in results for problem in result.problems]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"

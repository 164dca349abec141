"""The validation report: text grouped by workbook, or JSON objects with fixed keys."""
from __future__ import annotations

import datetime as dt
import json

from pipeline.catalog import Labels
from pipeline.formatting import fi_date
from pipeline.intake.result import IntakeResult, Problem, Severity
from pipeline.paths import shown_name
from pipeline.words import Words

JSON_KEYS = ("code", "severity", "file", "sheet", "cell", "field", "value", "message", "hint")


def status_key(result: IntakeResult) -> str:
    """valid, invalid or unreadable (report.* in the catalogue)."""
    if result.plan is None:
        return "unreadable"
    return "valid" if result.valid else "invalid"


def _status(result: IntakeResult, labels: Labels) -> str:
    status = labels.get(f"report.{status_key(result)}")
    return labels.get("report.not_used", status=status) if result.superseded_by else status


def shown_in_summary(problem: Problem) -> bool:
    """What a build prints of a workbook's problems: its errors, and warnings about the workbook as a whole (which
    workbook of a line is used); warnings about cells are in the report file."""
    return problem.severity is Severity.ERROR or not problem.sheet


def shown_sheet(sheet: str, labels: Labels) -> str:
    """A sheet named as the workbook names it, in the report's language: "Tjänster", or "Tjänster [Palvelut]" when
    the workbook was filled in another language (the workbook's own name in brackets)."""
    for catalogue in labels.everywhere():
        for key, entry in catalogue.node("intake.sheets").items():
            if isinstance(entry, dict) and entry.get("name") == sheet:
                own = labels.get(f"intake.sheets.{key}.name")
                return own if own == sheet else labels.get("report.sheet_with_own_name", sheet=own, own=sheet)
    return sheet


def problem_line(problem: Problem, labels: Labels, with_file: bool = False) -> str:
    """One problem: severity, where (sheet › cell, after the file's name WITH_FILE), what is wrong and the fix."""
    sheet = shown_sheet(problem.sheet, labels) if problem.sheet else ""
    location = " › ".join(p for p in (problem.file if with_file else "", sheet, problem.cell) if p)
    where = location + (labels.get("report.field", field=problem.field) if problem.field else "")
    key = "report.problem_line" if where else "report.problem_line_file"
    return labels.get(key, severity=labels.get(f"enums.Severity.{problem.severity.value}"), where=where.strip(),
                      message=problem.message, hint=problem.hint)


def workbook_line(result: IntakeResult, labels: Labels) -> str:
    percent = Words(labels).percent(result.overall_completeness)
    return labels.get("report.workbook_line", file=shown_name(result.path), status=_status(result, labels),
                      errors=len(result.errors), warnings=len(result.warnings),
                      completeness=labels.get("report.completeness", percent=percent) if result.plan else "")


def completeness_line(result: IntakeResult, labels: Labels) -> str:
    parts = []
    for section in result.completeness:
        sheet = labels.get(f"intake.sheets.{section.sheet}.name")
        ratio = section.ratio
        parts.append(labels.get("report.section_not_filled", sheet=sheet) if ratio is None
                     else labels.get("report.section", sheet=sheet, percent=Words(labels).percent(ratio)))
    return labels.get("report.sections", sections=", ".join(parts))


def summary_line(results: list[IntakeResult], labels: Labels) -> str:
    valid = sum(1 for r in results if r.valid)
    return labels.get("report.summary", total=len(results), valid=valid, invalid=len(results) - valid)


def skipped_line(problem: Problem, labels: Labels) -> str:
    """A file of an input folder that was not read: its name, why, and what to do."""
    return labels.get("report.skipped_line", file=problem.file, message=problem.message, hint=problem.hint,
                      severity=labels.get(f"enums.Severity.{problem.severity.value}"))


def text_report(results: list[IntakeResult], labels: Labels, dated: dt.date | None = None,
                skipped: list[Problem] | None = None) -> str:
    """The report as text; with DATED, as a file: a title and the date the workbooks were checked first. SKIPPED
    are the files of the input folders that were not read, one line each."""
    lines = [labels.get("report.report_title"), labels.get("report.report_generated", date=fi_date(dated)), ""] \
        if dated else []
    for result in results:
        lines.append(workbook_line(result, labels))
        if result.completeness:
            lines.append(completeness_line(result, labels))
        lines.extend(problem_line(p, labels) for p in result.problems)
    lines.extend(skipped_line(p, labels) for p in skipped or [])
    lines.append(summary_line(results, labels))
    return "\n".join(lines) + "\n"


def json_report(results: list[IntakeResult], labels: Labels, skipped: list[Problem] | None = None) -> str:
    problems = [problem for result in results for problem in result.problems] + list(skipped or [])
    fields = (problem.as_dict(labels.get(f"enums.Severity.{problem.severity.value}")) for problem in problems)
    items = [{key: data[key] for key in JSON_KEYS} for data in fields]       # each problem's fields taken once
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"

"""Reading one intake workbook end to end: file checks → raw cells → plan → rules → completeness."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.catalog import Labels
from pipeline.exceptions import IntakeError
from pipeline.formatting import fi_date
from pipeline.intake import guard
from pipeline.intake.completeness import completeness
from pipeline.intake.crosscheck import contract_conflicts
from pipeline.intake.fields import normalise, reading_codecs
from pipeline.intake.parse import PlanParser
from pipeline.intake.problems import Reporter
from pipeline.intake.reader import read_raw
from pipeline.intake.result import IntakeResult
from pipeline.intake.sheets import UNREAD_OWN_SHEETS, own_sheet_names
from pipeline.intake.validate import validate
from pipeline.paths import shown_name
from pipeline.reference import Reference


def read_intake(path: Path, reference: Reference, labels: Labels, *, check_version: bool = True,
                as_of: dt.date | None = None) -> IntakeResult:
    """Everything known about the workbook at PATH. Never raises for bad input: problems are in the result."""
    report = Reporter(path, labels)
    unread = own_sheet_names(labels, UNREAD_OWN_SHEETS)
    try:
        raw = read_raw(path, skip=lambda name: normalise(name) in unread)
    except IntakeError as error:
        report.error(error.code, **error.values)
        return IntakeResult(path, None, report.problems)
    parsed = PlanParser(raw, reference, labels, report).parse(check_version=check_version)
    validate(parsed, reference, labels, report, as_of)
    return IntakeResult(path, parsed.plan, report.problems, completeness(parsed.plan),
                        layouts=parsed.layouts, sample=parsed.sample)


def read_intakes(paths: list[Path], reference: Reference, labels: Labels,
                 as_of: dt.date | None = None) -> list[IntakeResult]:
    return checked_together([read_guarded(path, reference, labels, as_of=as_of) for path in paths], labels,
                            reference)


def read_guarded(path: Path, reference: Reference, labels: Labels, as_of: dt.date | None = None) -> IntakeResult:
    """read_intake in a process of its own, with a time and memory limit (pipeline.intake.guard): a crash, a
    time-out or the memory ceiling on one workbook becomes that workbook's error, never the end of the run."""
    reading_codecs(reference, labels)          # worked out here, once: each reading process starts with them
    return guarded_result(path, guard.guarded(lambda: read_intake(path, reference, labels, as_of=as_of)), labels)


def reader(reference: Reference, labels: Labels, as_of: dt.date | None = None) -> guard.Reader:
    """A long-lived guarded reader of workbooks (pipeline.intake.guard.Reader): `.run(path)` reads one, with the
    limits of read_guarded; give its outcome to `guarded_result`."""
    reading_codecs(reference, labels)
    return guard.Reader(lambda path: read_intake(path, reference, labels, as_of=as_of))


def guarded_result(path: Path, outcome: object, labels: Labels) -> IntakeResult:
    """The result of a guarded read of PATH: its own, or an error naming why its process failed."""
    if isinstance(outcome, IntakeResult):
        return outcome
    report = Reporter(path, labels)
    report.error("file.unreadable", reason=labels.get(f"build.read_reasons.{outcome}", seconds=guard.READ_SECONDS))
    return IntakeResult(path, None, report.problems)


def checked_together(results: list[IntakeResult], labels: Labels,
                     reference: Reference | None = None) -> list[IntakeResult]:
    """What only the workbooks read together tell (two workbooks of one line; with REFERENCE, lines' differing
    contract terms for one system), added to RESULTS (read one by one, e.g. in parallel by the build)."""
    _choose_per_line(results, labels)
    if reference is not None:
        contract_conflicts(results, reference, labels)
    return results


def _age(result: IntakeResult) -> tuple[dt.date, int]:
    """How new a workbook is: its version date (Perustiedot), then the file's saving time to the second."""
    try:
        saved = int(result.path.stat().st_mtime)
    except OSError:
        saved = 0
    return (result.plan.basics.version_date if result.plan else None) or dt.date.min, saved


def _choose_per_line(results: list[IntakeResult], labels: Labels) -> None:
    """Two workbooks for one line: the newer is used and both say so; when neither is newer, both are errors."""
    by_code: dict[str, list[IntakeResult]] = {}
    for result in results:
        if result.line_code:
            by_code.setdefault(result.line_code, []).append(result)
    for code, group in by_code.items():
        if len(group) < 2:
            continue
        real = [r for r in group if not r.sample]
        if real and len(real) < len(group):          # sample data never wins over a line's own workbook
            for sample in (r for r in group if r.sample):
                sample.superseded_by = shown_name(real[0].path)
                _add(sample, labels, "warning", "line.sample_beside_real", value=code,
                     other=", ".join(shown_name(r.path) for r in real))
            group = real
            if len(group) < 2:
                continue
        ordered = sorted(group, key=_age, reverse=True)
        newest = ordered[0]
        if _age(newest) == _age(ordered[1]):
            for result in group:
                others = ", ".join(shown_name(r.path) for r in group if r is not result)
                _add(result, labels, "error", "line.duplicate", value=code, other=others)
            continue
        _add(newest, labels, "warning", f"line.newer_{_reason(newest, ordered[1])}", value=code,
             other=", ".join(shown_name(r.path) for r in ordered[1:]), **_dates(newest, ordered[1], labels))
        for older in ordered[1:]:
            older.superseded_by = shown_name(newest.path)
            _add(older, labels, "warning", f"line.superseded_{_reason(newest, older)}", value=code,
                 other=shown_name(newest.path), **_dates(newest, older, labels))


def _reason(newer: IntakeResult, older: IntakeResult) -> str:
    return "date" if _age(newer)[0] != _age(older)[0] else "time"


def _dates(newer: IntakeResult, older: IntakeResult, labels: Labels) -> dict[str, str]:
    shown = [fi_date(r.plan.basics.version_date if r.plan else None) or labels.get("report.no_date")
             for r in (newer, older)]
    return {"newer": shown[0], "older": shown[1]}


def _add(result: IntakeResult, labels: Labels, severity: str, code: str, **values: str) -> None:
    report = Reporter(result.path, labels)
    getattr(report, severity)(code, **values)
    result.problems.extend(report.problems)

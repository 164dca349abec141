"""validate PATH… : read every workbook, report every problem, optionally write annotated copies."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.catalog import Labels
from pipeline.commands.folders import apart_from_inputs, output_folder
from pipeline.exceptions import UsageProblem
from pipeline.officefiles import atomic_write
from pipeline.paths import OUTPUT_FOLDER, OutputLayout, intake_files

if TYPE_CHECKING:
    from pipeline.intake.result import IntakeResult, Problem
    from pipeline.reference import Reference


@dataclass
class ValidationRun:
    results: list[IntakeResult]
    output: str
    skipped: list[Problem] = field(default_factory=list)
    annotated: list[Path] = field(default_factory=list)
    not_annotated: list[Path] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 0 if self.results and all(r.valid for r in self.results) else 1


def collect(paths: list[Path], labels: Labels) -> tuple[list[Path], list[Problem]]:
    """The workbooks to read, and a warning for every other file of the folders given."""
    for path in paths:
        if not path.exists():
            raise UsageProblem(labels.get("report.no_input", path=path))
    try:
        files, skipped = intake_files(paths)
    except OSError as error:
        raise UsageProblem(labels.get("report.folder_unreadable", path=error.filename or "")) from None
    notes: list[Problem] = []
    for item in skipped:
        from pipeline.intake.problems import Reporter  # only when a file is skipped: the quick check stays light
        report = Reporter(item.path, labels)
        report.warning(f"skipped.{item.reason}", other=item.other)
        notes.extend(report.problems)
    if not files:
        names = ", ".join(item.path.name for item in skipped)
        raise UsageProblem(labels.get("report.no_workbooks") +
                           (labels.get("report.no_workbooks_skipped", files=names) if names else ""))
    return files, notes


def run_validation(paths: list[Path], fmt: str, annotate_dir: Path | None,
                   reference: Reference, labels: Labels, as_of: dt.date | None = None) -> ValidationRun:
    # imported here: `collect` serves the build's quick check for changes, which must not wait for openpyxl
    from pipeline.intake.annotate import annotated_copy
    from pipeline.intake.load import read_intakes
    from pipeline.report import json_report, text_report

    if annotate_dir is not None:
        default = OutputLayout.of(OUTPUT_FOLDER, labels).annotated_dir()
        output_folder(apart_from_inputs(annotate_dir, paths, default, labels), labels)
    files, skipped = collect(paths, labels)
    results = read_intakes(files, reference, labels, as_of)
    output = (json_report(results, labels, skipped=skipped) if fmt == "json"
              else text_report(results, labels, skipped=skipped))
    run = ValidationRun(results, output, skipped)
    if annotate_dir is not None:
        layout = OutputLayout.of(annotate_dir, labels)
        for result in (r for r in results if r.problems):
            data = annotated_copy(result, reference.excel_style, labels)
            if data is None:
                run.not_annotated.append(result.path)
            else:
                run.annotated.append(atomic_write(layout.annotated(result.path), data))
    return run

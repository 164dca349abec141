"""validate PATH… : read every workbook, report every problem, optionally write annotated copies."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.catalog import Labels
from pipeline.exceptions import UsageProblem
from pipeline.officefiles import atomic_write
from pipeline.paths import OutputLayout, intake_files
from pipeline.reference import Reference

if TYPE_CHECKING:
    from pipeline.intake.result import IntakeResult


@dataclass
class ValidationRun:
    results: list[IntakeResult]
    output: str
    annotated: list[Path] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 0 if self.results and all(r.valid for r in self.results) else 1


def collect(paths: list[Path], labels: Labels) -> list[Path]:
    for path in paths:
        if not path.exists():
            raise UsageProblem(labels.get("report.no_input", path=path))
    files = intake_files(paths)
    if not files:
        raise UsageProblem(labels.get("report.no_workbooks"))
    return files


def run_validation(paths: list[Path], fmt: str, annotate_dir: Path | None,
                   reference: Reference, labels: Labels, as_of: dt.date | None = None) -> ValidationRun:
    # imported here: `collect` serves the build's quick check for changes, which must not wait for openpyxl
    from pipeline.intake.annotate import annotated_copy
    from pipeline.intake.load import read_intakes
    from pipeline.report import json_report, text_report

    results = read_intakes(collect(paths, labels), reference, labels, as_of)
    output = json_report(results, labels) if fmt == "json" else text_report(results, labels)
    run = ValidationRun(results, output)
    if annotate_dir is not None:
        layout = OutputLayout.of(annotate_dir, labels)
        for result in results:
            data = annotated_copy(result, reference.excel_style.annotations) if result.problems else None
            if data is not None:
                run.annotated.append(atomic_write(layout.annotated(result.path), data))
    return run

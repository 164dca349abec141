"""intake new / upgrade / samples / docs."""
from __future__ import annotations

from pathlib import Path

from pipeline.catalog import Labels
from pipeline.exceptions import UsageProblem
from pipeline.intake.docs import schema_markdown
from pipeline.intake.load import read_intake
from pipeline.intake.result import IntakeResult
from pipeline.intake.writer import blank_plan, write_workbook
from pipeline.officefiles import atomic_write
from pipeline.paths import OutputLayout
from pipeline.reference import Reference
from pipeline.samples import load_sample, sample_codes


def new_workbooks(codes: list[str], out_dir: Path, reference: Reference, labels: Labels) -> list[Path]:
    wanted = [code.strip().upper() for code in codes]
    for code in wanted:
        if code not in reference.line_codes:
            raise UsageProblem(labels.get("report.unknown_line", value=code, allowed=", ".join(reference.line_codes)))
    layout = OutputLayout.of(out_dir, labels)
    return [atomic_write(layout.blank_workbook(code), write_workbook(blank_plan(code, reference), reference, labels))
            for code in wanted]


def upgrade_workbook(source: Path, out: Path | None, reference: Reference,
                     labels: Labels) -> tuple[Path | None, IntakeResult]:
    """Carry an older workbook's content into a new blank workbook of the current schema."""
    result = read_intake(source, reference, labels, check_version=False)
    if result.plan is None:
        return None, result
    target = out or OutputLayout.of(source.parent, labels).upgraded(source)
    atomic_write(target, write_workbook(result.plan, reference, labels))
    return target, result


def write_samples(out_dir: Path, reference: Reference, labels: Labels) -> list[Path]:
    layout = OutputLayout.of(out_dir, labels)
    return [atomic_write(layout.sample_workbook(code),
                         write_workbook(load_sample(code), reference, labels, sample=True))
            for code in sample_codes()]


def write_docs(out_file: Path, reference: Reference, labels: Labels) -> Path:
    return atomic_write(out_file, schema_markdown(reference, labels).encode("utf-8"))

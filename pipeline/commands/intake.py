"""intake new / upgrade / samples / docs."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.catalog import Labels
from pipeline.commands.folders import output_file, output_folder
from pipeline.exceptions import UsageProblem
from pipeline.intake.docs import schema_markdown
from pipeline.intake.load import read_intake
from pipeline.intake.result import IntakeResult, Problem
from pipeline.intake.writer import blank_plan, write_workbook
from pipeline.officefiles import atomic_write
from pipeline.paths import OutputLayout, intake_files
from pipeline.reference import Reference
from pipeline.samples import load_sample, sample_codes


def new_workbooks(codes: list[str], out_dir: Path, reference: Reference, labels: Labels,
                  force: bool = False) -> list[Path]:
    """A blank workbook per line code. A file of the same name that holds content is never overwritten unless
    FORCE: nothing is written then, and the user is told which file and what to do."""
    wanted = [code.strip().upper() for code in codes]
    for code in wanted:
        if code not in reference.line_codes:
            raise UsageProblem(labels.get("report.unknown_line", value=code, allowed=", ".join(reference.line_codes)))
    layout = OutputLayout.of(output_folder(out_dir, labels), labels)
    targets = {code: layout.blank_workbook(code) for code in wanted}
    if not force:
        for code, path in targets.items():
            if path.exists() and _holds_content(path, code, reference, labels):
                raise UsageProblem(labels.get("report.exists_with_content", path=path))
    return [atomic_write(path, write_workbook(blank_plan(code, reference), reference, labels))
            for code, path in targets.items()]


def _holds_content(path: Path, code: str, reference: Reference, labels: Labels) -> bool:
    """Whether PATH holds anything beyond a blank workbook of CODE (an unreadable file counts as content)."""
    result = read_intake(path, reference, labels, check_version=False)
    return result.plan != blank_plan(code, reference)


@dataclass
class Upgrade:
    result: IntakeResult
    target: Path | None = None             # None: nothing written
    lost: list[Problem] = field(default_factory=list)     # content the new workbook would not hold

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.result.problems if not p.lost]

    @property
    def exit_code(self) -> int:
        return 0 if self.target is not None else 1


def upgrade_workbook(source: Path, out: Path | None, reference: Reference, labels: Labels) -> Upgrade:
    """Carry an older workbook's content into a new blank workbook of the current schema. Nothing is written when
    any content would stay behind (a value that cannot be read, a column or sheet that is not the template's)."""
    result = read_intake(source, reference, labels, check_version=False)
    upgrade = Upgrade(result, lost=[p for p in result.problems if p.lost])
    if result.plan is None or upgrade.lost:
        return upgrade
    default = OutputLayout.of(source.parent, labels).upgraded(source)
    if out is not None and out.resolve() == source.resolve():
        raise UsageProblem(labels.get("report.upgrade_onto_source", path=source, default=default))
    target = output_file(out or default, labels)
    upgrade.target = atomic_write(target, write_workbook(result.plan, reference, labels))
    return upgrade


def write_samples(out_dir: Path, reference: Reference, labels: Labels, force: bool = False) -> list[Path]:
    """The sample workbooks, in the run's language. A folder holding the lines' own workbooks is refused unless
    FORCE: the build would read the samples and the real workbooks side by side. The samples written before in
    another language are replaced by these (the build would otherwise read each sample twice)."""
    layout = OutputLayout.of(output_folder(out_dir, labels), labels)
    samples = {layout.sample_workbook(code): code for code in sample_codes()}
    translated = {OutputLayout.of(out_dir, other).sample_workbook(code) for other in labels.others()
                  for code in sample_codes()} - set(samples)
    foreign = [p.name for p in intake_files([out_dir])[0] if p not in samples and p not in translated]
    if foreign and not force:
        raise UsageProblem(labels.get("report.samples_among_workbooks", path=out_dir, files=", ".join(foreign)))
    written = [atomic_write(path, write_workbook(load_sample(code), reference, labels, sample=True))
               for path, code in samples.items()]
    for path in translated:
        path.unlink(missing_ok=True)
    return written


def write_docs(out_file: Path, reference: Reference, labels: Labels) -> Path:
    return atomic_write(output_file(out_file, labels), schema_markdown(reference, labels).encode("utf-8"))

"""kit WORKBOOK_OR_CODE… : the workshop kit of each line, from its workbook (a path, a folder, or a line code meaning
the line's workbook in input_workbooks/).

An invalid workbook gets its validation errors, a valid one with a value missing for the kit (a workshop's date, the
Teams link…) gets a message naming the cell; neither gets any file. A line's files are rendered first and written
(atomically) only when all of them are ready. A broken workbook never stops the others."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.catalog import Labels
from pipeline.exceptions import UsageProblem
from pipeline.intake.load import read_intakes
from pipeline.intake.result import IntakeResult, Problem, Severity
from pipeline.kit.calendar import KitZone
from pipeline.kit.facts import check
from pipeline.kit.package import kit_files
from pipeline.officefiles import atomic_write
from pipeline.paths import OutputLayout, intake_files
from pipeline.reference import Reference
from pipeline.render.context import RenderContext
from pipeline.report import problem_line
from pipeline.view.county import result_line_code


@dataclass
class LineKit:
    """One workbook's outcome: the problems shown (validation errors, or the kit's own problems and notices) and
    the files written (none when something is missing)."""
    result: IntakeResult
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    folder: Path | None = None


@dataclass
class KitRun:
    lines: list[LineKit]

    @property
    def exit_code(self) -> int:
        return 0 if all(line.written for line in self.lines) else 1


def workbooks(arguments: list[str], input_dir: Path, reference: Reference, labels: Labels) -> list[IntakeResult]:
    """The workbooks the arguments name, read and validated: files and folders as given; a line code, its
    workbook(s) in INPUT_DIR. An argument that is neither is a usage error (nothing is written)."""
    paths: list[Path] = []
    codes: list[str] = []
    for argument in arguments:
        if Path(argument).exists():
            paths.append(Path(argument))
        elif argument.strip().upper() in reference.line_codes:
            codes.append(argument.strip().upper())
        else:
            raise UsageProblem(labels.get("kit.report.unknown_argument", value=argument,
                                          allowed=", ".join(reference.line_codes)))
    results = read_intakes(intake_files(paths)[0], reference, labels) if paths else []
    if codes:
        folder = read_intakes(intake_files([input_dir])[0], reference, labels) if input_dir.is_dir() else []
        for code in codes:
            found = [r for r in folder if result_line_code(r, reference) == code and not r.superseded_by]
            if not found:
                raise UsageProblem(labels.get("kit.report.not_found", code=code, folder=input_dir))
            results.extend(found)
    if not results:
        raise UsageProblem(labels.get("report.no_workbooks"))
    unique: dict[Path, IntakeResult] = {}
    for result in results:
        unique.setdefault(result.path.resolve(), result)
    return list(unique.values())


def make_kit(result: IntakeResult, ctx: RenderContext, zone: KitZone, layout: OutputLayout) -> LineKit:
    if not result.valid:
        return LineKit(result, result.errors)
    checked = check(result, ctx.reference, ctx.labels, zone.zone)
    if checked.facts is None:
        return LineKit(result, checked.problems)
    files = kit_files(checked.facts, ctx, zone, layout)
    written = [atomic_write(path, data) for path, data in files.items()]
    return LineKit(result, checked.notices, written, layout.kit_dir(checked.facts.code))


def run_kit(arguments: list[str], out_dir: Path, input_dir: Path, ctx: RenderContext) -> KitRun:
    results = workbooks(arguments, input_dir, ctx.reference, ctx.labels)
    zone = KitZone.load(ctx.templates)
    layout = OutputLayout.of(out_dir, ctx.labels)
    return KitRun([make_kit(result, ctx, zone, layout) for result in results])


def kit_report(run: KitRun, labels: Labels) -> str:
    """What the command prints: per workbook the outcome and its problems (file › sheet › cell), then a total."""
    lines = []
    for line in run.lines:
        file = line.result.path.name
        errors = sum(1 for p in line.problems if p.severity is Severity.ERROR)
        if line.written:
            lines.append(labels.get("kit.report.written", file=file, folder=line.folder, count=len(line.written)))
        else:
            key = "kit.report.missing_facts" if line.result.valid else "kit.report.invalid"
            lines.append(labels.get(key, file=file, errors=errors))
        lines.extend(problem_line(problem, labels, with_file=True) for problem in line.problems)
    done = sum(1 for line in run.lines if line.written)
    lines.append(labels.get("kit.report.summary", total=len(run.lines), done=done, failed=len(run.lines) - done))
    return "\n".join(lines) + "\n"

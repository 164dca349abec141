"""The command line: thin click wrappers over pipeline.commands. The only module that knows click."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from pipeline.catalog import Labels
from pipeline.exceptions import DigiplanError, UsageProblem
from pipeline.paths import DEFAULT_INPUT, DEFAULT_OUTPUT, PROJECT_ROOT
from pipeline.reference import Reference


class _Localized(click.Group):
    """Fills every command's and option's help from templates/labels/cli.*.toml when the CLI starts."""

    def make_context(self, info_name, args, parent=None, **extra):
        if parent is None:
            _localize(self, Labels.load(), "root")
        return super().make_context(info_name, args, parent=parent, **extra)


def _localize(command: click.Command, labels: Labels, key: str) -> None:
    command.help = labels.get(f"cli.commands.{key}")
    for param in command.params:
        if isinstance(param, click.Option) and param.name in ("help", "version"):
            param.help = labels.get(f"cli.options.{param.name}")
        elif isinstance(param, click.Option) and param.help and param.help.startswith("@"):
            param.help = labels.get(f"cli.options.{param.help[1:]}")
    for name, sub in getattr(command, "commands", {}).items():
        _localize(sub, labels, name if key == "root" else f"{key} {name}")


def _setup() -> tuple[Reference, Labels]:
    labels = _run(Labels.load)
    return _run(Reference.load, labels), labels


def _as_of(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise click.BadParameter(Labels.load().get("report.bad_date", value=value))


def _echo(text: str, err: bool = False) -> None:
    click.echo(text.rstrip("\n"), err=err)


def _run(action, labels: Labels | None = None):
    """Run a core call, turning digiplan errors into click errors (Finnish text, no traceback)."""
    try:
        return action()
    except UsageProblem as error:
        raise click.UsageError(error.describe(labels)) from None
    except DigiplanError as error:
        raise click.ClickException(error.describe(labels)) from None


@click.group(cls=_Localized, name="digiplan")
@click.version_option(package_name="digiplan")
def cli() -> None:
    pass


@cli.group()
def intake() -> None:
    pass


@intake.command("new")
@click.argument("codes", nargs=-1, required=True)
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=DEFAULT_OUTPUT, help="@output_dir")
def intake_new(codes: tuple[str, ...], out: Path) -> None:
    from pipeline.commands.intake import new_workbooks
    reference, labels = _setup()
    for path in _run(lambda: new_workbooks(list(codes), out, reference, labels), labels):
        _echo(labels.get("report.written", path=path))


@intake.command("upgrade")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=None, help="@output_file")
def intake_upgrade(source: Path, out: Path | None) -> None:
    from pipeline.commands.intake import upgrade_workbook
    from pipeline.report import problem_line
    from pipeline.schema import SCHEMA_VERSION
    reference, labels = _setup()
    target, result = _run(lambda: upgrade_workbook(source, out, reference, labels), labels)
    if result.problems:
        _echo(labels.get("report.upgrade_problems", count=len(result.problems)))
        for problem in result.problems:
            _echo(problem_line(problem, labels))
    if target is None:
        sys.exit(1)
    _echo(labels.get("report.upgraded", version=SCHEMA_VERSION, path=target))


@intake.command("samples")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=DEFAULT_INPUT, help="@output_dir")
def intake_samples(out: Path) -> None:
    from pipeline.commands.intake import write_samples
    reference, labels = _setup()
    for path in _run(lambda: write_samples(out, reference, labels), labels):
        _echo(labels.get("report.written", path=path))


@intake.command("docs")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path),
              default=PROJECT_ROOT / "docs" / "tietopohja.md", help="@output_file")
def intake_docs(out: Path) -> None:
    from pipeline.commands.intake import write_docs
    reference, labels = _setup()
    _echo(labels.get("report.written", path=_run(lambda: write_docs(out, reference, labels), labels)))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="@format")
@click.option("--annotate", type=click.Path(path_type=Path), default=None, help="@annotate")
@click.option("--as-of", "as_of", callback=_as_of, default=None, help="@as_of_validate")
def validate(paths: tuple[Path, ...], fmt: str, annotate: Path | None, as_of: dt.date | None) -> None:
    from pipeline.commands.validate import run_validation
    reference, labels = _setup()
    run = _run(lambda: run_validation(list(paths), fmt, annotate, reference, labels, as_of), labels)
    _echo(run.output)
    for path in run.annotated:
        _echo(labels.get("report.annotated", path=path), err=True)
    sys.exit(run.exit_code)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=DEFAULT_OUTPUT, help="@output_dir")
@click.option("--as-of", "as_of", callback=_as_of, default=None, help="@as_of")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, help="@jobs")
@click.option("--pdf", is_flag=True, help="@pdf")
@click.option("--force", is_flag=True, help="@force_build")
def build(paths: tuple[Path, ...], out: Path, as_of: dt.date | None, jobs: int | None, pdf: bool,
          force: bool) -> None:
    from pipeline.commands.build import build as run_build
    from pipeline.console import Progress, build_summary
    from pipeline.paths import OutputLayout
    from pipeline.render.context import RenderContext
    reference, labels = _setup()
    context = RenderContext(reference, labels, as_of or dt.date.today())
    progress = Progress(labels, sys.stderr)
    run = _run(lambda: run_build(list(paths) or [DEFAULT_INPUT], out, context, jobs, force=force, pdf=pdf,
                                 progress=progress), labels)
    progress.close()
    for text, err in build_summary(run, labels, OutputLayout.of(out, labels).validation_report("txt"), out):
        _echo(text, err=err)
    sys.exit(run.exit_code)


def main() -> None:
    cli(prog_name="digiplan")

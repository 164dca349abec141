"""The command line: thin click wrappers over pipeline.commands. The only module that knows click.

Every word the command line shows is in the run's language, Finnish unless `--lang sv` (or DIGIPLAN_LANG=sv) asks
for Swedish: the help texts and names of values come from templates/labels/cli.<lang>.toml, and click's own words
(usage lines, option lists, usage errors) from templates/labels/click.<lang>.toml, installed into click's gettext
calls when the command line starts. `--lang` is read before click parses the rest, so that even the help and the
usage errors are in the language asked for; it may stand before or after the command."""
from __future__ import annotations

import datetime as dt
import gettext
import os
import re
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pipeline.build.console import Progress, build_summary
from pipeline.catalog import Labels
from pipeline.exceptions import DigiplanError, UsageProblem
from pipeline.formatting import DateTextError, date_from_text
from pipeline.paths import (
    DEFAULT_LANGUAGE,
    INPUT_FOLDER,
    LANGUAGES,
    NEW_FOLDER,
    OUTPUT_FOLDER,
    PROJECT_ROOT,
    OutputLayout,
)
from pipeline.render.context import RenderContext

if TYPE_CHECKING:
    from pipeline.reference import Reference

_STRAIGHT_QUOTED = re.compile(r"'([^'\n]*)'")
LANGUAGE_VARIABLE = "DIGIPLAN_LANG"         # the environment variable --lang falls back to (make LANG=sv sets it)
# The click versions `_install_catalogue` was written and checked for (lowest, first not checked): it rebinds the `_`
# and `ngettext` each click module imports from gettext; tests/test_patches.py fails outside this range.
CLICK_TESTED = ("8.1", "8.6")


class _Template(str):
    """A translated click text whose values keep Finnish and Finland-Swedish typography: click quotes names and
    values with straight quotes ('--format', 'json') before it fills them in; they come out in ”json”."""

    def format(self, *args: Any, **values: Any) -> str:
        return str.format(self, *args, **{k: _finnish_quotes(v) for k, v in values.items()})


def _finnish_quotes(value: Any) -> Any:
    return _STRAIGHT_QUOTED.sub("\u201d\\1\u201d", value) if isinstance(value, str) else value


class _Catalogue(gettext.NullTranslations):
    """click's English texts looked up in the label catalogue (a missing text stays as click wrote it)."""

    def __init__(self, texts: dict[str, Any]) -> None:
        super().__init__()
        self.texts = texts

    def gettext(self, message: str) -> str:
        text = self.texts.get(message)
        return _Template(text if isinstance(text, str) else message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        forms = self.texts.get(msgid1)
        if isinstance(forms, list) and len(forms) == 2:
            return _Template(forms[0] if n == 1 else forms[1])
        return _Template(msgid1 if n == 1 else msgid2)


def _translates(function: object, standard: object) -> bool:
    """FUNCTION is gettext's own (as click imports it) or one installed here before."""
    return function is standard or isinstance(getattr(function, "__self__", None), _Catalogue)


def _install_catalogue(labels: Labels) -> None:
    """Point click's `_` and `ngettext` (each click module binds them from the gettext module when imported) at the
    catalogue, so click's usage lines and errors come out in the run's language whatever the user's locale."""
    catalogue = _Catalogue(labels.node("click"))
    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            if _translates(getattr(module, "_", None), gettext.gettext):
                module._ = catalogue.gettext          # type: ignore[attr-defined]
            if _translates(getattr(module, "ngettext", None), gettext.ngettext):
                module.ngettext = catalogue.ngettext  # type: ignore[attr-defined]


def _language_asked(args: list[str]) -> str:
    """The language the command line asks for: the last --lang before a "--", else DIGIPLAN_LANG, else Finnish.
    A language digiplan does not have gives the default here; click then says the value is wrong."""
    value = os.environ.get(LANGUAGE_VARIABLE) or DEFAULT_LANGUAGE
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


class _Localized(click.Group):
    """Fills every command's and option's help from templates/labels/cli.<lang>.toml when the CLI starts; the
    language is kept as the root context's `obj` for the commands."""

    def make_context(self, info_name, args, parent=None, **extra):
        if parent is None:
            language = _language_asked(list(args))
            labels = Labels.load(language)
            _install_catalogue(labels)
            _localize(self, labels, "root")
            extra["obj"] = language
        return super().make_context(info_name, args, parent=parent, **extra)


def _language(ctx: click.Context | None = None) -> str:
    """The run's language (see `_Localized`)."""
    root = (ctx or click.get_current_context()).find_root()
    return root.obj if root.obj in LANGUAGES else DEFAULT_LANGUAGE


def _labels(ctx: click.Context | None = None) -> Labels:
    return Labels.load(_language(ctx))


def _lang_option(function):
    """--lang on the group and on every command, so that it may stand before or after the command name. The value
    is read before parsing (`_language_asked`); click only checks it."""
    return click.option("--lang", type=click.Choice(LANGUAGES), default=None, expose_value=False,
                        envvar=LANGUAGE_VARIABLE, help="@lang", metavar="@language")(function)


def _label(text: str | None, labels: Labels, section: str) -> str | None:
    return labels.get(f"cli.{section}.{text[1:]}") if text and text.startswith("@") else text


def _localize(command: click.Command, labels: Labels, key: str) -> None:
    command.help = labels.get(f"cli.commands.{key}")
    command._help_option = None          # click keeps --help with its text once made: made again, in this language
    command.options_metavar = labels.get("cli.usage.options")
    if isinstance(command, click.Group):
        command.subcommand_metavar = labels.get("cli.usage.subcommand")
    for param in command.params:
        if not hasattr(param, "catalogue_keys"):     # "@name" as declared, kept: a later run may change language
            param.catalogue_keys = (param.metavar, getattr(param, "help", None))  # type: ignore[attr-defined]
        keys = param.catalogue_keys                                                # type: ignore[attr-defined]
        param.metavar = _label(keys[0], labels, "metavars")
        if isinstance(param, click.Option):
            param.help = _label(keys[1], labels, "options")
    for name, sub in getattr(command, "commands", {}).items():
        _localize(sub, labels, name if key == "root" else f"{key} {name}")


def _setup() -> tuple[Reference, Labels]:
    from pipeline.reference import Reference  # deferred: pydantic models, which `build` with nothing to do never needs
    labels = _setup_labels()
    _run(labels.read_all)
    return _run(lambda: Reference.load(language=labels.language), labels), labels


def _setup_labels() -> Labels:
    language = _language()
    return _run(lambda: Labels.load(language))


def _as_of(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return date_from_text(value)          # as a date cell reads it: 1.4.2027, 1.4.27, 2027-04-01
    except DateTextError:
        raise click.BadParameter(_labels(ctx).get("report.bad_date", value=value)) from None


def _annotate_folder(ctx, param, value: str | None) -> Path | None:
    """--annotate without a folder (click gives its flag value ''): the default folder of annotated copies."""
    if value is None:
        return None
    return Path(value) if value else OutputLayout.of(OUTPUT_FOLDER, _labels(ctx)).annotated_dir()


def _show_version(ctx, param, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import PackageNotFoundError, version  # deferred: 20 ms that only --version needs
    try:
        number = version("digiplan")
    except PackageNotFoundError:
        number = "?"
    click.echo(_labels(ctx).get("cli.version", version=number))
    ctx.exit()


def _echo(text: str, err: bool = False) -> None:
    click.echo(text.rstrip("\n"), err=err)


class _UsageLine(click.ClickException):
    """A command called on something it cannot use (a folder that is a file…): one Finnish line, exit status 2."""
    exit_code = 2


def _run(action, labels: Labels | None = None):
    """Run a core call, turning digiplan errors into click errors (Finnish text, no traceback)."""
    try:
        return action()
    except UsageProblem as error:
        raise _UsageLine(error.describe(labels)) from None
    except DigiplanError as error:
        raise click.ClickException(error.describe(labels)) from None


@click.group(cls=_Localized, name="digiplan")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version, help="@version")
@_lang_option
def cli() -> None:
    # Library warnings (a glyph missing from a chart font, a deprecation) are the program's to fix, never the
    # user's to read: they are not shown in the terminal (worker processes inherit this).
    warnings.simplefilter("ignore")


@cli.group()
@_lang_option
def intake() -> None:
    pass


@intake.command("new")
@click.argument("codes", nargs=-1, required=True, metavar="@codes")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=NEW_FOLDER, help="@new_dir",
              metavar="@folder")
@click.option("--force", is_flag=True, help="@force_new")
@_lang_option
def intake_new(codes: tuple[str, ...], out: Path, force: bool) -> None:
    from pipeline.commands.intake import new_workbooks  # deferred: openpyxl (the workbook writer)
    reference, labels = _setup()
    for path in _run(lambda: new_workbooks(list(codes), out, reference, labels, force), labels):
        _echo(labels.get("report.written", path=path))


@intake.command("upgrade")
@click.argument("source", type=click.Path(path_type=Path), metavar="@file")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=None, help="@output_file",
              metavar="@file")
@_lang_option
def intake_upgrade(source: Path, out: Path | None) -> None:
    from pipeline.commands.intake import upgrade_workbook  # deferred, as every command's heavy core: openpyxl
    from pipeline.report import problem_line  # deferred: loads the schema (pydantic models)
    from pipeline.schema import SCHEMA_VERSION
    reference, labels = _setup()
    upgrade = _run(lambda: upgrade_workbook(source, out, reference, labels), labels)
    if upgrade.lost:
        _echo(labels.get("report.upgrade_lost"))
        for problem in upgrade.lost:
            _echo(problem_line(problem, labels))
    if upgrade.target is None:
        if not upgrade.lost:
            for problem in upgrade.result.problems:
                _echo(problem_line(problem, labels))
        _echo(labels.get("report.upgrade_not_done", path=source))
        sys.exit(upgrade.exit_code)
    if upgrade.notes:
        _echo(labels.get("report.upgrade_notes"))
        for problem in upgrade.notes:
            _echo(problem_line(problem, labels))
    _echo(labels.get("report.upgraded", version=SCHEMA_VERSION, path=upgrade.target))


@intake.command("samples")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=INPUT_FOLDER, help="@output_dir",
              metavar="@folder")
@click.option("--force", is_flag=True, help="@force_samples")
@_lang_option
def intake_samples(out: Path, force: bool) -> None:
    from pipeline.commands.intake import write_samples  # deferred: openpyxl (the workbook writer)
    reference, labels = _setup()
    for path in _run(lambda: write_samples(out, reference, labels, force), labels):
        _echo(labels.get("report.written", path=path))


@intake.command("docs")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=None, help="@docs_file",
              metavar="@file")
@_lang_option
def intake_docs(out: Path | None) -> None:
    from pipeline.commands.intake import write_docs  # deferred: openpyxl (the workbook writer)
    reference, labels = _setup()
    target = out or PROJECT_ROOT / "docs" / labels.get("output.intake_docs")
    _echo(labels.get("report.written", path=_run(lambda: write_docs(target, reference, labels), labels)))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="@paths")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="@format")
@click.option("--annotate", type=str, is_flag=False, flag_value="", default=None,
              callback=_annotate_folder, help="@annotate", metavar="@folder")
@click.option("--as-of", "as_of", callback=_as_of, default=None, help="@as_of_validate", metavar="@date")
@_lang_option
def validate(paths: tuple[Path, ...], fmt: str, annotate: Path | None, as_of: dt.date | None) -> None:
    from pipeline.commands.validate import run_validation  # deferred: the readers, which --help never needs
    reference, labels = _setup()
    run = _run(lambda: run_validation(list(paths), fmt, annotate, reference, labels, as_of), labels)
    _echo(run.output)
    for path in run.annotated:
        _echo(labels.get("report.annotated", path=path), err=True)
    for path in run.not_annotated:
        _echo(labels.get("report.not_annotated", path=path), err=True)
    sys.exit(run.exit_code)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="@paths_optional")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=OUTPUT_FOLDER, help="@output_dir",
              metavar="@folder")
@click.option("--as-of", "as_of", callback=_as_of, default=None, help="@as_of", metavar="@date")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, help="@jobs", metavar="@count")
@click.option("--pdf", is_flag=True, help="@pdf")
@click.option("--force", is_flag=True, help="@force_build")
@click.option("--compare-to", "compare_to", default=None, help="@compare_to", metavar="@compare")
@_lang_option
def build(paths: tuple[Path, ...], out: Path, as_of: dt.date | None, jobs: int | None, pdf: bool,
          force: bool, compare_to: str | None) -> None:
    from pipeline.commands.build import build as run_build  # deferred: the schema and views (pydantic models)
    labels = _setup_labels()
    context = RenderContext.deferred(labels, as_of or dt.date.today())
    progress = Progress(labels, sys.stderr)
    run = _run(lambda: run_build(list(paths) or [INPUT_FOLDER], out, context, jobs, force=force, pdf=pdf,
                                 progress=progress, compare_to=compare_to), labels)
    progress.close()
    for text, err in build_summary(run, labels, OutputLayout.of(out, labels).validation_report("txt"), out):
        _echo(text, err=err)
    sys.exit(run.exit_code)


@cli.command()
@click.argument("workbooks", nargs=-1, required=True, metavar="@paths_or_codes")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=OUTPUT_FOLDER, help="@output_dir",
              metavar="@folder")
@_lang_option
def kit(workbooks: tuple[str, ...], out: Path) -> None:
    from pipeline.commands.kit import kit_report, run_kit  # deferred: the renderers (docx, pptx, openpyxl)
    from pipeline.render import oxml  # deferred: lxml
    oxml.install()          # the library patches the agendas' rendering needs
    reference, labels = _setup()
    context = RenderContext(reference, labels, dt.date.today())
    run = _run(lambda: run_kit(list(workbooks), out, INPUT_FOLDER, context), labels)
    _echo(kit_report(run, labels))
    sys.exit(run.exit_code)


@cli.command()
@click.argument("old", type=click.Path(path_type=Path, exists=True, dir_okay=False), metavar="@old_file")
@click.argument("new", type=click.Path(path_type=Path, exists=True, dir_okay=False), metavar="@new_file")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="@format_diff")
@click.option("--as-of", "as_of", callback=_as_of, default=None, help="@as_of_validate", metavar="@date")
@_lang_option
def diff(old: Path, new: Path, fmt: str, as_of: dt.date | None) -> None:
    from pipeline.commands.diff import diff_text, diff_workbooks  # deferred: the schema and views (pydantic models)
    reference, labels = _setup()
    context = RenderContext(reference, labels, as_of or dt.date.today())
    _echo(_run(lambda: diff_text(diff_workbooks(old, new, context), context, fmt), labels))


def main() -> None:
    cli(prog_name="digiplan")

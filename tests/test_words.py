"""The one wording layer (issue 24): each formatter of pipeline/words.py against literals in both languages, text
tidied once when the intake reader reads it, and a guard that fails when a formatter's copy reappears elsewhere in
pipeline/ (a hard-coded unit, a hand-made "Name (CODE)", a whitespace collapse, a status light's colour picked
by hand, a percentage computed by hand)."""
from __future__ import annotations

import ast
import datetime as dt
import functools
from pathlib import Path
from types import SimpleNamespace

import pytest
from intake_helpers import write_plan

from pipeline.choices import Light
from pipeline.intake.load import read_intake
from pipeline.samples import load_sample
from pipeline.words import Words, compact, lines, one_line

NB = "\u00a0"          # the catalogue's no-break space between a figure and its unit
PIPELINE = Path(__file__).resolve().parent.parent / "pipeline"


@pytest.fixture(scope="module")
def fi(labels) -> Words:
    return Words(labels)


@pytest.fixture(scope="module")
def sv_words(sv) -> Words:
    return Words(sv)


# --- formatters, by literals -----------------------------------------------------------------------------------------

def test_money_is_whole_euros_with_no_break_spaces(fi, sv_words):
    assert fi.money(1234567) == f"1{NB}234{NB}567{NB}€"
    assert sv_words.money(1234567) == f"1{NB}234{NB}567{NB}€"
    assert fi.money(905000.4) == f"905{NB}000{NB}€"
    assert fi.money(0) == f"0{NB}€"
    assert fi.money(None) == ""


def test_money_not_estimated_is_said_in_words(fi, sv_words):
    assert fi.money_or_missing(None) == "ei vielä arvioitu"
    assert sv_words.money_or_missing(None) == "inte uppskattat ännu"
    assert fi.money_or_missing(48000) == f"48{NB}000{NB}€"


def test_percent_is_a_whole_percentage(fi, sv_words):
    assert fi.percent(0.354) == f"35{NB}%"
    assert sv_words.percent(0.876) == f"88{NB}%"
    assert fi.percent(1) == f"100{NB}%"
    assert fi.percent(0) == f"0{NB}%"
    assert fi.percent(None) == ""


def test_counts_and_numbers(fi):
    assert fi.count(7) == "7"
    assert fi.count(1250) == f"1{NB}250"
    assert fi.number(2.5) == "2,5"
    assert fi.number(None) == ""


def test_dates_and_quarters(fi, sv_words):
    assert fi.date(dt.date(2026, 4, 1)) == "1.4.2026"
    assert fi.date(None) == ""
    assert fi.quarter(2, 2026) == "Q2/2026"
    assert sv_words.quarter(4, 2027) == "Q4/2027"


def test_name_with_code(fi, sv_words):
    assert fi.named("Päivystysapu", "NAO") == "Päivystysapu (NAO)"
    assert sv_words.named("Jourhjälp", "NAO") == "Jourhjälp (NAO)"
    assert fi.named("Päivystysapu", "") == "Päivystysapu"
    assert fi.named("", "NAO") == "NAO"


def test_join_leaves_out_empty_parts(fi):
    assert fi.join(["a", "", "b"]) == "a, b"


def test_status_lights_words_and_colours(fi, sv_words):
    assert fi.light(Light.RED) == "Punainen"
    assert sv_words.light(Light.RED) == "Röd"
    assert fi.light(None) == ""
    assert fi.light_or_unassessed(None) == "Ei arvioitu"
    assert sv_words.light_or_unassessed(None) == "Inte bedömt"
    assert fi.dimension("schedule") == "Aikataulu"
    assert sv_words.dimension("overall") == "Helhetsläge"
    colours = SimpleNamespace(green="00B050", yellow="FFC000", red="C00000", none="D9D9D9")
    assert Words.light_colour(Light.RED, colours) == "C00000"
    assert Words.light_colour(Light.GREEN, colours) == "00B050"
    assert Words.light_colour(None, colours) == "D9D9D9"


def test_risk_colours_by_level():
    reporting = SimpleNamespace(risk_level=lambda score: {None: "unrated", 20: "high", 9: "medium"}.get(score, "low"))
    colours = SimpleNamespace(high="C00000", medium="FFC000", low="92D050", unrated="D9D9D9")
    assert Words.risk_colour(20, reporting, colours) == "C00000"
    assert Words.risk_colour(9, reporting, colours) == "FFC000"
    assert Words.risk_colour(2, reporting, colours) == "92D050"
    assert Words.risk_colour(None, reporting, colours) == "D9D9D9"


def test_one_line_and_lines():
    assert one_line("  Päivystys\n\tja\u00a0 neuvonta ") == "Päivystys ja neuvonta"
    assert one_line(None) == ""
    assert lines("  Eka rivi  \r\n  toka rivi \r kolmas\n\n") == "Eka rivi\ntoka rivi\nkolmas"
    assert lines("\n a\n\n b ") == "a\n\nb"          # an empty line inside is the writer's paragraph break
    assert compact("  a\tb  c \r\n\n\x0b d\u00a0") == "a b c\nd\u00a0"     # a slide's text: no blank lines


# --- text tidied once, when read -------------------------------------------------------------------------------------

def test_the_reader_tidies_each_column_as_the_schema_declares(tmp_path, reference, labels):
    plan = load_sample("NAO")
    plan.basics.facilitator = "  Maija \n  Meikäläinen "          # a one-line column
    plan.summary.key_message = "  Eka rivi  \n  toka rivi \n\n"      # a multi-line column (wrap)
    plan.risks[0].owner = "Kehittämis-\npäällikkö\t "                 # a one-line column of a table
    plan.services[0].name = " Neuvonta-\n  chat "                     # wrapped, but a name: single_line
    result = read_intake(write_plan(plan, tmp_path / "NAO.xlsx", reference, labels), reference, labels)
    assert result.plan.basics.facilitator == "Maija Meikäläinen"
    assert result.plan.summary.key_message == "Eka rivi\ntoka rivi"
    assert result.plan.risks[0].owner == "Kehittämis- päällikkö"
    assert result.plan.services[0].name == "Neuvonta- chat"


# --- no copy of a formatter elsewhere -----------------------------------------------------------------------------

# Where a pattern is the formatter itself, or is something else that only looks like one.
HOMES = {"words.py", "formatting.py"}
ALLOWED_ROUND_100 = {"render/deck/template.py"}        # a font size in hundredths of a point, not a percentage


@functools.cache
def _nodes() -> tuple[tuple[str, tuple[ast.AST, ...]], ...]:
    """Every node of each pipeline module (its path in the package), parsed once for all the checks below."""
    return tuple((path.relative_to(PIPELINE).as_posix(), tuple(ast.walk(ast.parse(path.read_text(encoding="utf-8")))))
                 for path in sorted(PIPELINE.rglob("*.py")) if path.name not in HOMES or path.parent != PIPELINE)


def _is_whitespace_collapse(node: ast.AST) -> bool:
    """`" ".join(x.split())`."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join"
            and isinstance(node.func.value, ast.Constant) and node.func.value.value == " " and len(node.args) == 1
            and isinstance(arg := node.args[0], ast.Call) and isinstance(arg.func, ast.Attribute)
            and arg.func.attr == "split" and not arg.args)


def _is_name_with_code(node: ast.AST) -> bool:
    """`f"{name} ({x.code})"`: a hand-made "Name (CODE)"."""
    if not isinstance(node, ast.JoinedStr):
        return False
    parts = node.values
    return any(isinstance(a, ast.Constant) and str(a.value).endswith(" (") and isinstance(b, ast.FormattedValue)
               and isinstance(b.value, ast.Attribute) and b.value.attr == "code"
               for a, b in zip(parts, parts[1:], strict=False))


def _is_percent_by_hand(node: ast.AST) -> bool:
    """`round(x * 100)` (a value read, `round(x * 100, 10)`, is not shown)."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "round"
            and len(node.args) == 1 and isinstance(arg := node.args[0], ast.BinOp) and isinstance(arg.op, ast.Mult)
            and any(isinstance(side, ast.Constant) and side.value == 100 for side in (arg.left, arg.right)))


def _is_light_colour_by_hand(node: ast.AST) -> bool:
    """`getattr(colours, light.value) if light else colours.none`."""
    return (isinstance(node, ast.IfExp) and isinstance(node.body, ast.Call)
            and isinstance(node.body.func, ast.Name) and node.body.func.id == "getattr"
            and isinstance(node.orelse, ast.Attribute) and node.orelse.attr == "none")


def _is_risk_colour_by_hand(node: ast.AST) -> bool:
    """`getattr(colours, reporting.risk_level(score))`."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
            and len(node.args) == 2 and isinstance(arg := node.args[1], ast.Call)
            and isinstance(arg.func, ast.Attribute) and arg.func.attr == "risk_level")


def _unit_literal(node: ast.AST) -> bool:
    """A string holding a figure's unit with its no-break space: the catalogue's to say."""
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and any(
        unit in node.value for unit in (f"{NB}%", f"{NB}€", " €"))


CHECKS = {"a whitespace collapse (use pipeline.words.one_line)": _is_whitespace_collapse,
          "a hand-made 'Name (CODE)' (use Words.named)": _is_name_with_code,
          "a percentage computed by hand (use Words.percent)": _is_percent_by_hand,
          "a status light's colour picked by hand (use Words.light_colour)": _is_light_colour_by_hand,
          "a risk score's colour picked by hand (use Words.risk_colour)": _is_risk_colour_by_hand,
          "a unit typed in code (use Words.money / Words.percent)": _unit_literal}


@pytest.mark.parametrize("what", list(CHECKS))
def test_no_formatter_copy_in_pipeline(what):
    check = CHECKS[what]
    found = [f"{name}:{node.lineno}" for name, nodes in _nodes() for node in nodes if check(node)
             and not (check is _is_percent_by_hand and name in ALLOWED_ROUND_100)]
    assert not found, f"{what} in {found}"


def test_the_guard_sees_each_copy():
    """Each check finds the copy it names (a guard that can fail)."""
    samples = {_is_whitespace_collapse: 'x = " ".join(text.split())',
               _is_name_with_code: 'x = f"{view.name} ({view.code})"',
               _is_percent_by_hand: "x = round(ratio * 100)",
               _is_light_colour_by_hand: "x = getattr(style, light.value) if light else style.none",
               _is_risk_colour_by_hand: "x = getattr(colours, reporting.risk_level(score))",
               _unit_literal: 'x = f"{value}\\u00a0%"'}
    for check, source in samples.items():
        assert any(check(node) for node in ast.walk(ast.parse(source))), source


def test_the_deck_reads_no_word_catalogue_keys_for_shared_words():
    """The deck's own modules name the Word catalogue only to point at a chapter of the Word plan (word.h)."""
    found = []
    for path in sorted((PIPELINE / "render" / "deck").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
            if text is None and isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0],
                                                                                                  ast.Constant):
                text = str(node.values[0].value)
            if text and text.startswith("word.") and not text.startswith("word.h."):
                found.append(f"{path.name}:{node.lineno} {text}")
    assert not found


def test_person_years_and_the_net(fi, sv_words):
    assert fi.fte(2.5) == f"2,5{NB}htv"
    assert sv_words.fte(1) == f"1{NB}årsv."
    assert fi.fte(None) == ""
    assert fi.net(-120000) == f"nettosäästö 120{NB}000{NB}€ vuodessa"
    assert sv_words.net(5000) == f"nettokostnad 5{NB}000{NB}€ per år"
    assert fi.net(None) == "ei vielä arvioitu"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_no_catalogue_repeats_a_shared_pattern(language, labels, sv):
    """A unit or pattern of common.*.toml written again as a whole text of another namespace is a second
    formatter in waiting."""
    catalogue = labels if language == "fi" else sv
    shared = {catalogue.get(f"common.{key}") for key in ("euro", "percent", "fte", "named", "quarter")}

    def texts(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                yield from texts(value, f"{path}.{key}")
        elif isinstance(node, str):
            yield path, node

    found = [path for namespace, tree in catalogue._tree.items() if namespace != "common"
             for path, text in texts(tree, namespace) if text in shared]
    assert not found

"""An area's documents are keyed on the values they are made from (pipeline/build/keys.py): an edit that changes
what another area shows renders that area again and its documents show the new value; an edit that does not, does
not; the key is the same in every process (set order, PYTHONHASHSEED) and holds everything the area's documents
read of the other lines."""
from __future__ import annotations

import ast
import datetime as dt
import os
import subprocess
import sys
from dataclasses import replace

import pytest
from build_helpers import build
from docx_helpers import document_text, open_docx
from intake_helpers import edit

import pipeline.build.render as build_module
from pipeline.build.keys import Digest, Unhashable, area_keys
from pipeline.paths import PROJECT_ROOT, OutputLayout
from pipeline.view.exits import ExitLine


@pytest.fixture()
def sample_results_15(renders):
    """The 15 samples' read results (shared by the test process: not to be changed) and their context."""
    return renders.results(), renders.ctx


def test_an_edit_of_a_shared_system_renders_the_other_area_again_with_the_new_date(two_lines, monkeypatch, labels):
    # AVO (area YST) and NAO (area IKA) both leave Omaolo: its shutdown is the later exit, AVO's 31.3.2028
    inputs, out = two_lines
    layout = OutputLayout.of(out, labels)
    assert "31.3.2028" in document_text(open_docx(layout.area_plan("IKA").read_bytes()))
    assert "30.6.2028" not in document_text(open_docx(layout.area_plan("IKA").read_bytes()))
    names: list[str] = []
    render = build_module.render_job
    monkeypatch.setattr(build_module, "render_job", lambda job, ctx: names.append(job.path.name) or render(job, ctx))

    def later_exit(book):
        sheet = book["Järjestelmät"]
        assert sheet.cell(2, 2).value == "Omaolo" and sheet.cell(1, 9).value == "Käytöstä luopuminen"
        sheet.cell(2, 9).value = dt.datetime(2028, 6, 30)

    edit(inputs / "AVO-esimerkki-tietopohja.xlsx", later_exit)
    result = build(inputs, out)
    assert result.exit_code == 0, result.output
    assert set(names) >= {"IKA-palvelualueen-kayttoonottosuunnitelma.docx", "IKA-palvelualueen-tilannekuva.pptx",
                          "YST-palvelualueen-kayttoonottosuunnitelma.docx",
                          "LUVN-yhteinen-kayttoonottosuunnitelma.docx"}
    assert "NAO-kayttoonottosuunnitelma.docx" not in names                 # NAO's own workbook is the same
    text = document_text(open_docx(layout.area_plan("IKA").read_bytes()))
    assert "30.6.2028" in text


def _hash_in_process(seed: str) -> str:
    code = ("from pipeline.build.keys import Digest; import datetime as dt, enum\n"
            "class Kind(enum.Enum):\n    A = 'a'\n"
            "print(Digest().of({'palvelu', 'kanava', 'linja', 'alue'}, frozenset({'x', 'y'}), "
            "{'b': [1, 2.5, None, True], 'a': (dt.date(2026, 12, 6), Kind.A)}))")
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_the_hash_is_the_same_in_every_process():
    assert len({_hash_in_process(seed) for seed in ("1", "2", "3")}) == 1


def test_the_hash_tells_values_apart():
    digest = Digest()
    assert digest.of(["a", "b"]) != digest.of(["ab"])              # lengths are in the hash
    assert digest.of(["a", "b"]) != digest.of(("a", "b"))          # and the kinds
    assert digest.of({"a": 1, "b": 2}) != digest.of({"b": 2, "a": 1})   # a dict in its order
    assert digest.of(1) != digest.of(1.0) != digest.of("1") != digest.of(True)
    assert digest.of(dt.date(2026, 1, 2)) != digest.of(dt.datetime(2026, 1, 2))
    assert digest.of({"b", "a"}) == digest.of({"a", "b"})


def test_a_value_of_an_unknown_kind_is_not_hashed():
    try:
        Digest().of([object()])
    except Unhashable:
        return
    raise AssertionError("an object of no known kind was hashed")


def test_area_keys_change_only_for_the_area_whose_values_change(sample_results_15):
    """The samples' keys, then AIK's key message changed (shown in its own area, YST, only), then a risk of a line
    that shares a system with lines of other areas (its risks are read by those areas' exit findings)."""
    from pipeline.view.county import collect_lines
    from pipeline.view.scope import area_scopes
    results, ctx = sample_results_15

    def keys(change=None):
        plans = [r.plan.model_copy(deep=True) if r.plan is not None else None for r in results]
        if change:
            change(plans)
        edited = [replace(r, plan=plan) for r, plan in zip(results, plans, strict=True)]
        scopes = area_scopes(collect_lines(edited, ctx.reference, ctx.as_of), ctx.reference, ctx.as_of)
        return dict(zip((s.code for s in scopes), area_keys(scopes, None), strict=True))

    base = keys()
    assert all(base.values()) and base == keys()

    def key_message(plans):
        plan = next(p for p in plans if p and p.basics.line_code == "AIK")
        plan.summary.key_message = "Muutettu."

    changed = keys(key_message)
    assert {code for code in base if base[code] != changed[code]} == {"YST"}

    def risk(plans):
        plan = next(p for p in plans if p and p.basics.line_code == "AIK")
        plan.risks[0].description += " Muutettu."

    changed = keys(risk)
    assert {code for code in base if base[code] != changed[code]} == {"IKA", "LNP", "YST", "KOPA"}


def test_a_scope_reads_the_other_lines_only_through_the_exits_and_the_names():
    """area_keys hashes of the county's other lines only what `Scope.exits` and `Scope._line_names` read: a new use
    of `all_entries` must be added to the key (pipeline/build/keys.py) first."""
    users = set()
    for path in sorted((PROJECT_ROOT / "pipeline").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        users |= {(path.relative_to(PROJECT_ROOT).as_posix(), node.name) for node in ast.walk(tree)
                  if isinstance(node, ast.FunctionDef)
                  and any(isinstance(n, ast.Attribute) and n.attr == "all_entries" for n in ast.walk(node))}
    assert users == {("pipeline/view/scope.py", "exits"), ("pipeline/view/scope.py", "_line_names"),
                     ("pipeline/build/keys.py", "area_keys")}


class _Recording:
    """A line's view that notes which of its attributes are read (and of its plan's)."""

    def __init__(self, view, seen: set[str], prefix: str = "") -> None:
        self._view, self._seen, self._prefix = view, seen, prefix

    def __getattr__(self, name: str):
        self._seen.add(self._prefix + name)
        value = getattr(self._view, name)
        return _Recording(value, self._seen, f"{name}.") if name == "plan" else value


def test_area_documents_read_only_the_code_and_risks_of_another_lines_view(sample_results_15):
    """What `exit_line_part` hashes of a line met in an exit plan is all that the area's documents read of it."""
    from pipeline.render.deck.combined import render_area_deck
    from pipeline.render.word.combined import render_area_plan
    from pipeline.view.county import collect_lines
    from pipeline.view.scope import area_scopes
    results, ctx = sample_results_15
    seen: set[str] = set()
    for scope in area_scopes(collect_lines(results, ctx.reference, ctx.as_of), ctx.reference, ctx.as_of):
        if not scope.views:
            continue
        for plan in scope.exits:
            plan.lines[:] = [replace(u, line=_Recording(u.line, seen)) for u in plan.lines]
        assert isinstance(scope.exits[0].lines[0], ExitLine)
        render_area_plan(scope, ctx)
        render_area_deck(scope, ctx)
    assert seen and seen <= {"code", "plan", "plan.risks"}


def test_a_package_whose_members_are_the_same_is_kept_without_its_readme_made_again(two_lines, monkeypatch,
                                                                                      labels):
    import zipfile

    import pipeline.build.deliver as deliver
    inputs, out = two_lines
    layout = OutputLayout.of(out, labels)
    titles: list[str] = []
    render = deliver.render_readme
    monkeypatch.setattr(deliver, "render_readme",
                        lambda context, ctx: titles.append(context["doc"]["title"]) or render(context, ctx))
    ika = layout.area_package("IKA").read_bytes()
    edit(inputs / "AVO-esimerkki-tietopohja.xlsx",
         lambda book: book["Johdon yhteenveto"].cell(2, 2).__setattr__("value", "Uusi avainviesti."))
    result = build(inputs, out)
    assert result.exit_code == 0, result.output
    assert len(titles) == 2 and any("YST" in title for title in titles) and not any("IKA" in t for t in titles)
    assert layout.area_package("IKA").read_bytes() == ika
    with zipfile.ZipFile(layout.county_package()) as county:
        names = [name for name in county.namelist() if name.endswith("AVO-kayttoonottosuunnitelma.docx")]
        assert len(names) == 1
        assert "Uusi avainviesti." in document_text(open_docx(county.read(names[0])))

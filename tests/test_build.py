"""The whole build: every valid line gets its documents, a broken workbook stops nothing, output is reproducible."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pipeline.cli import cli
from pipeline.paths import DEFAULT_INPUT, OutputLayout


@pytest.fixture()
def inputs(tmp_path, labels):
    folder = tmp_path / "in"
    folder.mkdir()
    source = OutputLayout.of(DEFAULT_INPUT, labels)
    for code in ("NAO", "AVO"):
        shutil.copy(source.sample_workbook(code), folder)
    (folder / "SP-rikki.xlsx").write_bytes(b"")
    return folder


def build(inputs, out, *extra):
    return CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "--as-of", "25.11.2026", *extra])


def test_build_writes_every_deliverable_and_reports_the_broken_workbook(inputs, tmp_path, labels):
    out = tmp_path / "out"
    result = build(inputs, out)
    assert result.exit_code == 1, result.output
    assert "SP-rikki.xlsx: ei luettavissa – 1 virhe, 0 varoitusta" in result.output
    assert "  virhe: Tiedosto on tyhjä (0 tavua)." in result.output
    assert "Traceback" not in result.output
    layout = OutputLayout.of(out, labels)
    for code in ("NAO", "AVO"):
        assert layout.word_plan(code).stat().st_size > 10_000
        assert layout.deck(code).stat().st_size > 10_000
    assert not layout.line_dir("SP").exists()
    summary = load_workbook(layout.county_workbook())["Yhteenveto"]
    cells = [str(c.value) for row in summary.iter_rows() for c in row if c.value is not None]
    assert any("SP-rikki.xlsx" in c for c in cells)
    report = layout.validation_report("txt").read_text(encoding="utf-8")
    assert "SP-rikki.xlsx" in report and "NAO-esimerkki-tietopohja.xlsx: kelvollinen" in report
    assert not list(out.rglob("*.tmp"))
    assert ("Palvelualueen suunnitelmaa ei tehty, koska alueelta ei ole yhtään kelvollista työkirjaa: "
            "Lasten, nuorten ja perheiden palvelut; Vammaispalvelut; KOPA – Asiointipalvelut.") in result.output


def test_build_is_reproducible_whatever_the_number_of_workers(inputs, tmp_path, labels):
    build(inputs, tmp_path / "a", "-j", "2")
    build(inputs, tmp_path / "b", "-j", "1")
    layout = OutputLayout.of(tmp_path / "a", labels)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    expected = {layout.word_plan("NAO"), layout.deck("NAO"), layout.word_plan("AVO"), layout.deck("AVO"),
                layout.area_plan("IKA"), layout.area_deck("IKA"), layout.area_plan("YST"), layout.area_deck("YST"),
                layout.county_plan(), layout.county_deck(), layout.county_workbook(),
                layout.validation_report("txt"), layout.validation_report("json")}
    assert set(files) == {p.relative_to(tmp_path / "a") for p in expected}   # areas without a valid line: no plan
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name

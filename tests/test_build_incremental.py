"""Incremental builds: a second build writes nothing and says so; a changed workbook rebuilds its line and the
documents of its area and of the county only; --force rebuilds everything; a file deleted or changed by hand is made
again; no LibreOffice: one line, and everything else built."""
from __future__ import annotations

import shutil

import pytest
from build_helpers import build
from intake_helpers import edit

import pipeline.build.render as build_module
from pipeline.paths import OutputLayout


def stamps(out):
    return {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


@pytest.fixture()
def rendered(monkeypatch):
    """The names of the deliverables a build renders (one worker: rendering runs in the test's process)."""
    names: list[str] = []
    render = build_module.render_job

    def recording(job, ctx):
        names.append(job.path.name)
        return render(job, ctx)

    monkeypatch.setattr(build_module, "render_job", recording)
    return names


def test_second_build_writes_nothing_and_says_so(two_lines, rendered):
    inputs, out = two_lines
    before = stamps(out)
    result = build(inputs, out)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ("Ei muutoksia: tietopohjat, pohjat ja ohjelma ovat ennallaan, joten mitään ei tarvinnut "
                        "rakentaa uudelleen.")
    assert "Luetaan tietopohjat (2)…" not in lines                 # not a workbook opened
    assert [c for c in lines if c.startswith(("NAO ", "AVO ", "Yhteiset "))][-1].endswith("12 ennallaan")
    assert all(c.endswith("2 ennallaan") for c in lines if c.startswith(("NAO ", "AVO ")))
    assert lines[-3:] == ["Yhteensä 2 työkirjaa: 2 kelvollista, 0 virheellistä.",
                          "Palvelualueen suunnitelmaa ei tehty, koska alueelta ei ole yhtään kelvollista työkirjaa: "
                          "Lasten, nuorten ja perheiden palvelut; Vammaispalvelut; KOPA – Asiointipalvelut. Alueen "
                          "linjat näkyvät hyvinvointialueen yhteisessä suunnitelmassa.",  # said again (manifest)
                          f"Tarkistusraportti (kaikki virheet ja varoitukset): {out / 'tarkistusraportti.txt'}"]
    assert rendered == []
    assert stamps(out) == before


def test_changed_workbook_rebuilds_its_line_its_area_and_the_county_documents_only(two_lines, rendered, labels):
    inputs, out = two_lines
    layout = OutputLayout.of(out, labels)
    edit(inputs / "AVO-esimerkki-tietopohja.xlsx",
         lambda book: book["Johdon yhteenveto"].cell(2, 2).__setattr__("value", "Uusi avainviesti."))
    before = stamps(out)
    result = build(inputs, out)
    assert result.exit_code == 0, result.output
    assert sorted(rendered) == sorted([
        "AVO-kayttoonottosuunnitelma.docx", "AVO-muutoksen-tarina.pptx",
        "YST-palvelualueen-kayttoonottosuunnitelma.docx", "YST-palvelualueen-tilannekuva.pptx",   # AVO's area, not
        # NAO's (IKA): its documents show nothing of AVO's key message (pipeline/build/keys.py)
        "LUVN-yhteinen-kayttoonottosuunnitelma.docx", "LUVN-yhteinen-tilannekuva.pptx",
        "LUVN-tiekartta-ja-exit-suunnitelmat.xlsx",
        "tarkistusraportti.txt", "tarkistusraportti.json"])
    lines = result.output.splitlines()
    assert "  1/13 NAO/NAO-kayttoonottosuunnitelma.docx: ennallaan" in lines
    assert next(c for c in lines if c.startswith("NAO ")).endswith("2 ennallaan")
    assert any(line.endswith(" AVO/AVO-kayttoonottosuunnitelma.docx: kirjoitettu") for line in lines)
    assert "kirjoitettu" in next(c for c in lines if c.startswith("AVO "))   # the deck may render as before
    assert stamps(out)[layout.word_plan("NAO")] == before[layout.word_plan("NAO")]
    assert stamps(out)[layout.area_plan("YST")] != before[layout.area_plan("YST")]     # shows the key message
    assert stamps(out)[layout.area_plan("IKA")] == before[layout.area_plan("IKA")]
    changed = {p for p, stamp in stamps(out).items() if before.get(p) != stamp}
    assert layout.area_package("YST") in changed and layout.county_package() in changed
    assert layout.word_plan("NAO") not in changed and layout.deck("NAO") not in changed
    # and then nothing again
    rendered.clear()
    assert build(inputs, out).output.startswith("Ei muutoksia")
    assert rendered == []


def test_force_rebuilds_everything(two_lines, rendered):
    inputs, out = two_lines
    before = stamps(out)
    result = build(inputs, out, "--force")
    assert result.exit_code == 0, result.output
    assert len(rendered) == 13
    assert next(c for c in result.output.splitlines() if c.startswith("NAO ")).endswith("2 kirjoitettu")
    assert f"Valmis kansiossa {out}: 16 tiedostoa kirjoitettu, 0 ennallaan." in result.output
    after = stamps(out)
    assert all(after[p] != stamp for p, stamp in before.items() if p.suffix in (".docx", ".pptx", ".zip"))


def test_a_file_deleted_or_changed_by_hand_is_made_again(two_lines, rendered, labels):
    inputs, out = two_lines
    layout = OutputLayout.of(out, labels)
    layout.deck("NAO").unlink()
    layout.word_plan("AVO").write_bytes(b"muokattu")
    result = build(inputs, out)
    assert result.exit_code == 0, result.output
    assert sorted(rendered) == ["AVO-kayttoonottosuunnitelma.docx", "NAO-muutoksen-tarina.pptx"]
    assert layout.deck("NAO").stat().st_size > 10_000
    assert layout.word_plan("AVO").read_bytes().startswith(b"PK")


def test_build_date_templates_and_program_are_in_every_key(tmp_path, monkeypatch):
    import datetime as dt

    import pipeline.build.incremental
    from pipeline.build.incremental import fingerprint, job_key
    from pipeline.paths import TEMPLATES
    program = tmp_path / "pipeline"
    shutil.copytree(pipeline.build.incremental.PROGRAM, program)
    monkeypatch.setattr(pipeline.build.incremental, "PROGRAM", program)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    day = dt.date(2026, 11, 25)
    base = fingerprint(templates, day, "fi")
    assert fingerprint(templates, day + dt.timedelta(days=1), "fi") != base
    (templates / "samples" / "NAO.toml").write_text("# not used by the build\n", encoding="utf-8")
    assert fingerprint(templates, day, "fi") == base
    (templates / "labels" / "word.fi.toml").write_text("[changed]\n", encoding="utf-8")
    changed = fingerprint(templates, day, "fi")
    assert changed != base
    (program / "report.py").write_text("# another version\n", encoding="utf-8")
    assert fingerprint(templates, day, "fi") not in (base, changed)
    workbook = tmp_path / "NAO.xlsx"
    assert job_key(base, "NAO/x.docx", [workbook], {workbook: "a"}) != job_key(changed, "NAO/x.docx", [workbook],
                                                                                {workbook: "a"})
    assert job_key(base, "NAO/x.docx", [workbook], {workbook: "a"}) != job_key(base, "NAO/x.docx", [workbook],
                                                                                {workbook: "b"})


def test_temporary_files_of_an_interrupted_build_are_removed(two_lines, labels):
    inputs, out = two_lines
    left = out / "NAO" / ".NAO-kayttoonottosuunnitelma.docx.abc123.tmp"
    left.write_bytes(b"kesken")
    (inputs / "AVO-esimerkki-tietopohja.xlsx").touch()              # same content: still nothing to build
    assert build(inputs, out).output.startswith("Ei muutoksia")
    OutputLayout.of(out, labels).validation_report("json").unlink()    # something to do
    assert build(inputs, out).exit_code == 0
    assert not left.exists()


def test_pdf_without_libreoffice_says_so_in_one_line_and_builds_everything_else(two_lines, monkeypatch, labels):
    inputs, out = two_lines
    monkeypatch.setenv("PATH", str(out))                               # no soffice anywhere
    result = build(inputs, out, "--pdf")
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if line.startswith("PDF-kopioita")]
    assert said == ["PDF-kopioita ei tehty, koska LibreOfficea (soffice) ei löytynyt. Asenna LibreOffice ja sen "
                    "Python-liitäntä (paketit libreoffice-writer-nogui, libreoffice-impress-nogui ja python3-uno); "
                    "muut tiedostot rakennettiin."]
    assert not list(out.rglob("*.pdf"))
    assert OutputLayout.of(out, labels).county_package().exists()

"""The deliverables in Swedish (issue 15): one catalogue per language with the same keys and placeholders, the
reference data's names in both languages, `--lang sv` flowing to every command, the sv-FI tag on every document,
Finland-Swedish typography, and intake workbooks that read the same in either language."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import re
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
from catalogue_helpers import user_texts, variables
from click.testing import CliRunner
from docx_helpers import blocks, heading_level, open_docx, plain
from intake_helpers import edit, header_column, write_plan
from openpyxl import load_workbook
from pptx import Presentation

from pipeline.catalog import Labels
from pipeline.cli import cli
from pipeline.intake.dropdowns import PROMPT_MAX, TITLE_MAX, fit, prompt_parts
from pipeline.intake.fields import field_codecs
from pipeline.intake.load import read_intake
from pipeline.intake.writer import blank_plan, write_workbook
from pipeline.paths import PROJECT_ROOT, TEMPLATES, OutputLayout
from pipeline.reference import Reference, _Localized
from pipeline.samples import load_sample
from pipeline.schema import SHEETS, sheet

AS_OF = "26.11.2026"
CODES = ("NAO", "KAT", "VAM")          # two lines of one area (its area plan and deck) and a line of another


def run(*args, env=None):
    return CliRunner().invoke(cli, list(map(str, args)), env=env)


# --- one catalogue per language: the same keys, placeholders and plurals ------------------------------------------

LANGUAGE_OWN = ("glossary.", "enums.earlier.")     # each language's own reference and old names


def leaves(tree: Any, key: str = "") -> dict[str, Any]:
    """Every text or value of the catalogue by its dotted key (a list counts as one value)."""
    if isinstance(tree, dict):
        return {k: v for name, value in tree.items()
                for k, v in leaves(value, f"{key}.{name}" if key else name).items()}
    return {key: tree}


def differences(first: Labels, second: Labels) -> list[str]:
    """Keys one catalogue has and the other lacks, and texts whose placeholders or plurals differ."""
    a = {k: v for k, v in leaves(first._tree).items() if not k.startswith(LANGUAGE_OWN) and ".aliases" not in k}
    b = {k: v for k, v in leaves(second._tree).items() if not k.startswith(LANGUAGE_OWN) and ".aliases" not in k}
    found = [f"{first.language} only: {k}" for k in sorted(a.keys() - b.keys())]
    found += [f"{second.language} only: {k}" for k in sorted(b.keys() - a.keys())]
    for key in sorted(a.keys() & b.keys()):
        if variables(a[key]) != variables(b[key]):
            found.append(f"{key}: {sorted(variables(a[key]))} ≠ {sorted(variables(b[key]))}")
        if isinstance(a[key], list) != isinstance(b[key], list) or (
                isinstance(a[key], list) and key.startswith("click.") and len(a[key]) != len(b[key])):
            found.append(f"{key}: a list in one language only")
    return found


def test_every_finnish_catalogue_file_has_a_swedish_twin():
    finnish = sorted(p.name.replace(".fi.", ".") for p in (TEMPLATES / "labels").glob("*.fi.toml"))
    swedish = sorted(p.name.replace(".sv.", ".") for p in (TEMPLATES / "labels").glob("*.sv.toml"))
    assert len(finnish) == 19 and finnish == swedish


def test_catalogues_have_the_same_keys_placeholders_and_plurals(labels, sv):
    assert not differences(labels, sv)


def test_the_parity_check_finds_a_missing_key_and_a_lost_placeholder():
    finnish = Labels({"report": {"a": "{count} virhettä", "b": "Tiedosto {path}", "c": "x"}}, "fi")
    swedish = Labels({"report": {"a": "{count, plural, one {# fel} other {# fel}}", "b": "Filen"}}, "sv")
    assert differences(finnish, swedish) == ["fi only: report.c", "report.b: ['path'] ≠ []"]


def test_the_language_tags_name_finnish_and_swedish_in_finland(labels, sv):
    assert (labels.get("language.tag"), sv.get("language.tag")) == ("fi-FI", "sv-FI")


def localized_records(model: Any, raw: Any, where: str):
    """(where, model, record) of every record of RAW (data of MODEL) whose texts are given per language."""
    from typing import get_args, get_origin
    if get_origin(model) is list:
        for index, item in enumerate(raw):
            yield from localized_records(get_args(model)[0], item, f"{where}[{index + 1}]")
        return
    if isinstance(model, type) and issubclass(model, _Localized):
        yield where, model, raw
        for name, field in model.model_fields.items():
            if name in raw and get_origin(field.annotation) is list:
                yield from localized_records(field.annotation, raw[name], f"{where}.{name}")


def test_every_name_users_see_in_the_data_files_is_given_in_swedish():
    """Every name, unit, short name, sections text and line name has its _sv twin filled in the data files."""
    from pipeline.reference import DATA_FILES
    missing, checked = [], 0
    for field_name, source in DATA_FILES.items():
        data = tomllib.loads((TEMPLATES / "data" / source.name).read_text(encoding="utf-8"))
        raw = data[source.key] if source.key else data
        for where, model, record in localized_records(Reference.model_fields[field_name].annotation, raw,
                                                      f"{source.name}:{source.key or ''}"):
            for key in model.localized_fields():
                checked += 1
                if record.get(key) and not record.get(f"{key}_sv"):
                    missing.append(f"{where}.{key}")
    assert checked > 50 and not missing, missing


def test_reference_data_shows_the_run_language_and_knows_both(reference, sv_reference):
    assert sv_reference.organisation.name == "Västra Nylands välfärdsområde"
    assert reference.organisation.name == "Länsi-Uudenmaan hyvinvointialue"
    assert [a.name for a in sv_reference.organisation.areas][:2] == ["Tjänster för äldre",
                                                                    "Tjänster för barn, unga och familjer"]
    assert [sv_reference.channel_name(c) for c in ("chat", "messages")] == ["Chatt", "Icke-brådskande meddelanden"]
    assert sv_reference.metrics[0].unit == "kontakter/dag" and reference.metrics[0].unit == "kontaktia/pv"
    assert sv_reference.readiness_items[0] == "Definition av de tjänster som ska tas i bruk"
    assert [c.code for c in sv_reference.channels] == [c.code for c in reference.channels]
    finnish = reference.metrics[2].name
    assert sv_reference.metric(finnish) is sv_reference.metrics[2]          # either language's name finds it
    assert reference.metric(sv_reference.metrics[2].name) is reference.metrics[2]
    assert sv_reference.in_language("fi").organisation.areas[0].name == "Ikääntyneiden palvelut"


# --- Finland-Swedish typography and counts ---------------------------------------------------------------------------

def test_swedish_texts_hold_no_finnish_words(sv):
    """Finnish letter pairs that Swedish never has (ää, yy, uu …) and common Finnish words: none in a Swedish text
    (the Finnish guide's title, quoted in the agenda's source line, aside)."""
    finnish = re.compile(r"ää|öö|yy|uu|aa(?!r)|ii|\b(tai|ei|sekä|kanssa|joka|palvelu\w*|tietopohja\w*)\b", re.I)
    found = [f"{key}: {text}" for key, text in user_texts(sv)
             if not key.startswith("click.") and key != "kit.agenda.source"
             and finnish.search(re.sub(r"\{[^{}]*\}|https?://\S+|docs/\S+", "", text))]
    assert not found, found


# --- the command line in Swedish ------------------------------------------------------------------------------------

FINNISH_OR_ENGLISH = re.compile(r"Käyttö|Valinnat|Komennot|Näytä|Usage|Options|Commands|Show this|PATH|TEXT")


def test_help_is_swedish_with_lang_sv_before_or_after_the_command():
    root = run("--lang", "sv", "--help")
    assert root.exit_code == 0 and root.output.splitlines()[0] == "Användning: digiplan [VAL] KOMMANDO [ARGUMENT]..."
    assert "  --help        Visa den här hjälpen och avsluta." in root.output.splitlines()
    for args in (("build", "--lang", "sv", "--help"), ("--lang", "sv", "intake", "new", "--help"),
                 ("intake", "docs", "--lang=sv", "--help")):
        result = run(*args)
        assert result.exit_code == 0 and result.output.startswith("Användning: digiplan")
        assert not FINNISH_OR_ENGLISH.search(result.output), (args, result.output)
    assert "--lang SPRÅK" in run("validate", "--lang", "sv", "--help").output


def test_the_environment_variable_chooses_the_language_and_the_option_wins():
    assert run("--help", env={"DIGIPLAN_LANG": "sv"}).output.startswith("Användning:")
    assert run("--lang", "fi", "--help", env={"DIGIPLAN_LANG": "sv"}).output.startswith("Käyttö:")


def test_usage_errors_and_an_unknown_language_are_told_in_the_run_language(tmp_path):
    result = run("--lang", "sv", "validate")
    assert result.exit_code == 2 and result.output.splitlines()[-1] == "Fel: Argument saknas ”SÖKVÄG...”."
    result = run("--lang", "sv", "build", tmp_path, "--as-of", "i morgon")
    assert result.exit_code == 2 and "”i morgon” är inte ett datum." in result.output
    result = run("validate", "x.xlsx", "--lang", "de")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == \
        "Virhe: Virheellinen arvo kohdassa ”--lang”: ”de” ei ole mikään näistä: ”fi”, ”sv”."


def test_make_passes_the_language_and_keeps_a_locale_in_lang():
    def dry(*args: str, lang: str = "C.UTF-8") -> str:
        return subprocess.run(["make", "-n", *args, "build"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                              check=True, env={"PATH": "/usr/bin:/bin", "LANG": lang}).stdout
    assert "digiplan --lang sv build" in dry("LANG=sv")
    assert "digiplan --lang fi build" in dry(lang="fi_FI.UTF-8")
    assert "digiplan --lang sv build" in dry("DIGIPLAN_LANG=sv", lang="C.UTF-8")
    printed = subprocess.run(["make", "-s", "-p", "-n", "LANG=sv", "help"], cwd=PROJECT_ROOT, capture_output=True,
                             text=True, env={"PATH": "/usr/bin:/bin"}).stdout
    assert re.search(r"^LANG := C\.UTF-8$", printed, re.M)      # the programs never run with the locale "sv"


# --- intake workbooks in Swedish --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def blank_sv(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("blank_sv")
    result = run("intake", "new", "NAO", "--lang", "sv", "-o", folder)
    assert result.exit_code == 0 and result.output == \
        f"Skriven: {folder / 'NAO-planeringsunderlag-digitala-tjanster.xlsx'}\n"
    return folder / "NAO-planeringsunderlag-digitala-tjanster.xlsx"


def test_blank_swedish_workbook_speaks_swedish(blank_sv, sv, sv_reference):
    book = load_workbook(blank_sv)
    assert book.sheetnames[:6] == ["Anvisningar", "Grunduppgifter", "Sammanfattning för ledningen", "Beslutsförslag",
                                   "Workshoppar", "Tjänster"]
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert book.properties.language == "sv-FI"
    assert [c.value for c in book["Tjänster"][1]][:4] == ["Identifierare *", "Kanal *", "Fas i kundhandledningen *",
                                                          "Användningsfall *"]
    basics = {row[0].value: row[1].value for row in book["Grunduppgifter"].iter_rows(min_row=2)}
    assert basics["Serviceområde *"] == "Tjänster för äldre" and basics["Servicelinjens förkortning *"] == "NAO"
    assert book["Workshoppar"]["B2"].value == sv_reference.workshops[0].name
    assert book["Beredskap för ibruktagandet"]["A2"].value == "Definition av de tjänster som ska tas i bruk"
    lists = book["Listor"]
    columns = {c.value: [r[0].value for r in lists.iter_rows(min_row=2, min_col=c.column, max_col=c.column)
                         if r[0].value] for c in lists[1]}
    assert columns["Kanal"] == ["Chatt", "Icke-brådskande meddelanden", "Blanketter", "Videomöten", "Konsultationer",
                                "Hälso- och välbefinnandeuppgifter"]
    assert columns["Fas i kundhandledningen"] == ["Före kundrelationen", "Under kundrelationen",
                                                  "Styrning av kundrelationer"]
    assert "Andelen bristfälliga blanketter" in columns["Mätare"]
    prompt = next(dv for dv in book["Tjänster"].data_validations.dataValidation if "B2" in str(dv.sqref))
    assert prompt.promptTitle == "Kanal" and prompt.prompt.startswith("Kanalen för digitala tjänster.")


def test_every_swedish_prompt_fits_excel_whole(sv, sv_reference):
    for spec in SHEETS:
        for codec in field_codecs(spec, sv_reference, sv):
            parts = [p for p in prompt_parts(codec, sv) if p]
            assert fit(parts) == " ".join(parts), f"{spec.key}.{codec.name}: shorten the help text"
            assert len(fit(parts)) <= PROMPT_MAX and len(codec.header) <= TITLE_MAX, f"{spec.key}.{codec.name}"


def test_no_header_or_sheet_name_means_two_things_in_the_two_languages(labels, reference):
    """A column is recognised by its headers in both languages: within a sheet no header of one column is a header
    of another, and no sheet name of one sheet is the name of another."""
    names: dict[str, str] = {}
    from pipeline.intake.fields import sheet_names
    from pipeline.intake.sheets import known_names
    for spec in SHEETS:
        for name in sheet_names(spec, labels):
            assert names.setdefault(name.casefold(), spec.key) == spec.key, name
        seen: dict[str, str] = {}
        for codec in field_codecs(spec, reference, labels):
            for name in known_names(codec, labels):
                assert seen.setdefault(name, codec.name) == codec.name, f"{spec.key}: {name}"


@pytest.mark.parametrize("code", ["NAO", "VAM", "ASI"])
def test_a_swedish_workbook_reads_to_the_same_plan_as_a_finnish_one(code, tmp_path, labels, reference, sv,
                                                                     sv_reference):
    finnish = write_plan(load_sample(code), tmp_path / "fi.xlsx", reference, labels)
    swedish = write_plan(load_sample(code), tmp_path / "sv.xlsx", sv_reference, sv)
    assert load_workbook(swedish).sheetnames[1] == "Grunduppgifter"
    for run_labels, run_reference in ((labels, reference), (sv, sv_reference)):
        a, b = (read_intake(path, run_reference, run_labels) for path in (finnish, swedish))
        assert a.problems == [] and b.problems == [], (b.problems[:3])
        assert a.plan == b.plan
    assert read_intake(swedish, reference, labels).plan == load_sample(code)


def test_reference_texts_read_in_the_run_language(tmp_path, labels, reference, sv, sv_reference):
    """A Finnish workbook's area, workshop names, checklist items and catalogue metric read as Swedish in a Swedish
    run (the Swedish combined plan matches them with the Swedish checklist), and back."""
    plan = read_intake(write_plan(load_sample("NAO"), tmp_path / "fi.xlsx", reference, labels), sv_reference,
                       sv).plan
    assert plan.basics.area == "Tjänster för äldre"
    assert [w.name for w in plan.workshops] == [w.name for w in sv_reference.workshops]
    assert [r.item for r in plan.readiness] == sv_reference.readiness_items
    metrics = {g.metric for g in plan.goals}
    assert metrics & {m.name for m in sv_reference.metrics} and not metrics & {m.name for m in reference.metrics}
    units = {g.unit for g in plan.goals}
    assert "st./mån." in units and not units & {"kontaktia/pv", "kpl/kk", "vrk"}


def test_a_line_may_mix_the_languages_in_its_workbook(tmp_path, labels, reference, sv, sv_reference):
    """Swedish sheet names with Finnish headers and choice names, in either run: the same plan."""
    path = write_plan(load_sample("KAT"), tmp_path / "KAT.xlsx", sv_reference, sv)
    before = {lang: read_intake(path, *run).plan for lang, run in (("fi", (reference, labels)),
                                                                   ("sv", (sv_reference, sv)))}

    def finnish_choices(book):
        services = book["Tjänster"]
        services.cell(1, header_column(services, "Fas i kundhandledningen"), "Asiakasohjauksen vaihe")
        column = header_column(services, "Kanal")
        for row in range(2, services.max_row + 1):
            if services.cell(row, column).value == "Chatt":
                services.cell(row, column, "Chat")
        milestones = book["Utvecklingsstig"]
        column = header_column(milestones, "Status")
        finnish = {"Inte påbörjad": "Ei aloitettu", "Pågår": "Käynnissä", "Klar": "Valmis", "Väntar": "Odottaa"}
        for row in range(2, milestones.max_row + 1):
            value = milestones.cell(row, column).value
            milestones.cell(row, column, finnish.get(value, value))
    edit(path, finnish_choices)
    plan = read_intake(path, reference, labels)
    assert plan.problems == [], plan.problems[:3]
    assert plan.plan == before["fi"] and read_intake(path, sv_reference, sv).plan == before["sv"]


def test_messages_name_sheets_in_the_run_language_and_the_workbooks_own_in_brackets(tmp_path, labels, reference, sv,
                                                                                     sv_reference):
    path = write_plan(load_sample("KAT"), tmp_path / "KAT.xlsx", sv_reference, sv)
    edit(path, lambda book: book["Utvecklingsstig"].cell(2, header_column(book["Utvecklingsstig"], "Börjar"),
                                                           "31.2.2025"))
    swedish = run("--lang", "sv", "validate", path, "--as-of", AS_OF)
    finnish = run("validate", path, "--as-of", AS_OF)
    assert swedish.exit_code == finnish.exit_code == 1
    assert "  fel: Utvecklingsstig › D2, Börjar: Datumet ”31.2.2025” finns inte. Åtgärd: Kontrollera dag och " \
           "månad och skriv datumet i formen d.m.åååå, t.ex. 28.2.2025." in swedish.output
    assert "  virhe: Kehittämispolku [Utvecklingsstig] › D2, Alkaa: Päivämäärää ”31.2.2025” ei ole olemassa." \
        in finnish.output


def test_a_swedish_time_reads(sv, sv_reference):
    """'kl. 9.30' is a time in Swedish (an earlier or other-language choice name: test_languages.py)."""
    codec = next(c for c in field_codecs(sheet("workshops"), sv_reference, sv) if c.name == "start_time")
    assert codec.from_cell("kl. 9.30")[0] == dt.time(9, 30)


def test_swedish_samples_replace_the_finnish_ones(tmp_path, labels):
    for code in ("NAO", "VAM"):             # samples written before in Finnish (their content does not matter)
        OutputLayout.of(tmp_path, labels).sample_workbook(code).write_bytes(b"PK")
    result = run("--lang", "sv", "intake", "samples", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 15 and all(n.endswith("-exempel-planeringsunderlag.xlsx") for n in names)


def test_swedish_intake_docs_are_current(tmp_path):
    result = run("intake", "docs", "--lang", "sv", "-o", tmp_path / "d.md")
    assert result.exit_code == 0
    committed = (PROJECT_ROOT / "docs" / "planeringsunderlag.md").read_text(encoding="utf-8")
    assert (tmp_path / "d.md").read_text(encoding="utf-8") == committed, "run `make docs LANG=sv`"
    assert "| Avsnitt 1–6 › 1. Tjänstens grunduppgifter › Tjänstens namn | Tjänster | Tjänstens namn |" in committed


# --- digiplan build --lang sv ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory, sv, sv_reference) -> tuple[Path, str]:
    """Three Swedish workbooks (the samples, written by the Swedish writer) built in Swedish once."""
    root = tmp_path_factory.mktemp("build_sv")
    (root / "in").mkdir()
    for code in CODES:
        write_plan(load_sample(code), root / "in" / f"{code}-planeringsunderlag.xlsx", sv_reference, sv)
    result = run("--lang", "sv", "build", root / "in", "-o", root / "out", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    return root / "out", result.output


def catalogue_texts(labels: Labels, *prefixes: str) -> set[str]:
    """The catalogue's texts under PREFIXES that have no placeholder: headings, headers, titles."""
    return {plain(text) for key, text in user_texts(labels)
            if key.startswith(prefixes) and "{" not in text and len(text) > 3}


def finnish_only(labels: Labels, sv: Labels, *prefixes: str) -> set[str]:
    return catalogue_texts(labels, *prefixes) - {plain(text) for _, text in user_texts(sv)}


def test_build_writes_every_deliverable_under_swedish_names(built, sv):
    out, output = built
    layout = OutputLayout.of(out, sv)
    expected = [layout.word_plan(c) for c in CODES] + [layout.deck(c) for c in CODES] + [
        layout.county_workbook(), layout.area_plan("IKA"), layout.area_deck("IKA"), layout.area_plan("VAM"),
        layout.county_plan(), layout.county_deck(), layout.county_package(), layout.area_package("IKA"),
        layout.validation_report("txt")]
    assert all(path.is_file() for path in expected), [p for p in expected if not p.is_file()]
    lines = output.splitlines()
    assert lines[-4] == "Sammanlagt 3 arbetsböcker: 3 giltiga, 0 felaktiga."
    assert re.fullmatch(rf"Klart i mappen {re.escape(str(out))}: \d+ filer skrivna, 0 oförändrade\.", lines[-2])
    assert lines[-1] == f"Granskningsrapport (alla fel och varningar): {layout.validation_report('txt')}"
    assert lines[-3].startswith("Ingen plan gjordes för serviceområdet, eftersom det inte finns någon giltig "
                                "arbetsbok från området: Tjänster för barn, unga och familjer; ")
    report = layout.validation_report("txt").read_text(encoding="utf-8")
    assert report.startswith("Granskningsrapport för planeringsunderlagen för digitala tjänster")


def word_structure(data: bytes) -> tuple[list[str], list[str], Any]:
    document = open_docx(data)
    items = blocks(document)
    heads = [plain(b.text) for b in items if not hasattr(b, "rows") and heading_level(b)]
    headers = [plain(c.text) for b in items if hasattr(b, "rows") for c in b.rows[0].cells]
    return heads, headers, document


def test_word_plans_are_swedish_and_tagged_sv_fi(built, labels, sv):
    out, _ = built
    layout = OutputLayout.of(out, sv)
    finnish = finnish_only(labels, sv, "word.h.", "word.table.", "word.channel.", "word.decision.")
    for path in (layout.word_plan("NAO"), layout.area_plan("IKA"), layout.county_plan()):
        heads, headers, document = word_structure(path.read_bytes())
        assert document.core_properties.language == "sv-FI"
        defaults = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")[0]
        assert defaults.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "sv-FI"
        assert not (set(heads) | set(headers)) & finnish, (path.name, (set(heads) | set(headers)) & finnish)
    heads, headers, document = word_structure(layout.word_plan("NAO").read_bytes())
    assert {"Sammanfattning för ledningen", "Färdplan och mätare", "Frågor att precisera och uppgifter",
            "Det vi avstår från", "Beredskap för ibruktagandet"} <= set(heads)
    assert {"Ansvarsperson", "Klart senast", "Målnivå", "Utgångsnivå"} <= set(headers)
    assert "Chatt (våg 1)" in heads
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Ibruktagningsplan för digitala tjänster" in text and "Lägesdatum" in text
    assert not {"Johdon yhteenveto", "Tiekartta ja mittarit", "Digiasioinnin käyttöönottosuunnitelma"} & set(heads)


def test_decks_are_swedish_tagged_sv_fi_and_name_the_county_in_swedish(built, labels, sv):
    out, _ = built
    layout = OutputLayout.of(out, sv)
    finnish = finnish_only(labels, sv, "deck.")
    for path in (layout.deck("NAO"), layout.area_deck("IKA"), layout.county_deck()):
        deck = Presentation(str(path))
        assert deck.core_properties.language == "sv-FI"
        titles = {plain(s.shapes.title.text) for s in deck.slides if s.shapes.title is not None}
        headers = {plain(c.text) for s in deck.slides for sh in s.shapes if sh.has_table
                   for c in sh.table.rows[0].cells}
        assert not (titles | headers) & finnish, (path.name, (titles | headers) & finnish)
        langs = {r.get("lang") for s in deck.slides for r in s.shapes._spTree.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}rPr")}
        assert langs == {"sv-FI"}, langs
        master = "".join(t.text or "" for t in deck.slide_master.element.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}t"))
        assert "Västra Nylands välfärdsområde" in master and "Länsi-Uudenmaan" not in master
    deck = Presentation(str(layout.deck("NAO")))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert {"Läget och huvudbudskapet", "Varför vi ändrar", "Färdplan", "Nästa steg"} <= set(titles)
    assert "Tilanne ja avainviesti" not in titles


def test_county_workbook_is_swedish_and_tagged_sv_fi(built, labels, sv):
    out, _ = built
    book = load_workbook(OutputLayout.of(out, sv).county_workbook())
    assert book.properties.language == "sv-FI"
    assert book.sheetnames[:4] == ["Sammanfattning", "Ändringar", "Färdplan", "Exitplan för systemen"]
    assert book["Sammanfattning"]["A1"].value == "Sammanfattning per servicelinje"
    cells = {plain(str(c.value)) for ws in book.worksheets for row in ws.iter_rows(max_row=6) for c in row if c.value}
    finnish = finnish_only(labels, sv, "county.")
    assert not cells & finnish, cells & finnish
    areas = {row[0] for row in book["Sammanfattning"].iter_rows(min_row=4, values_only=True) if row[0]}
    assert {"Tjänster för äldre", "Tjänster för personer med funktionsnedsättning"} <= areas


def test_swedish_build_is_reproducible_and_keeps_finnish_dates_and_numbers(built, sv, tmp_path):
    out, _ = built
    text = (OutputLayout.of(out, sv).validation_report("txt")).read_text(encoding="utf-8")
    assert "Granskad 26.11.2026." in text and "ifyllnadsgrad 92\u00a0%" in text


# --- the workshop kit in Swedish -------------------------------------------------------------------------------------

def test_kit_in_swedish_writes_swedish_messages_tagged_sv_fi(tmp_path, sv, sv_reference):
    workbook = write_plan(load_sample("NAO"), tmp_path / "NAO.xlsx", sv_reference, sv)
    result = run("--lang", "sv", "kit", workbook, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "Sammanlagt 1 arbetsbok: 1 workshoppaket skrivet, 0 utan paket."
    folder = tmp_path / "out" / "NAO" / "workshoppaket"
    welcome = email.message_from_bytes((folder / "NAO-meddelande-till-ny-deltagare.eml").read_bytes(),
                                       policy=email.policy.default)
    assert welcome["Content-Language"] == "sv-FI"
    assert str(welcome["Subject"]).startswith("Välkommen med i planeringen av digitala tjänster – ")
    body = welcome.get_content()
    assert "Vi ordnar fyra workshoppar i augusti–oktober 2026." in body
    assert "torsdag 20.8.2026 kl. 9.00–12.00" in body and "Västra Nylands välfärdsområde" in body
    assert not re.search(r"<[^<>\n]{1,60}>|\{[a-z_]+\}", body)
    calendar = (folder / "NAO-workshop-1-kalenderbokning.ics").read_text(encoding="utf-8")
    assert "LANGUAGE=sv-FI" in calendar and "Workshop 1: " in calendar
    agenda = open_docx((folder / "NAO-workshop-1-agenda.docx").read_bytes())
    assert agenda.core_properties.language == "sv-FI"
    assert any(p.text == "Facilitatorns minneslista" for p in agenda.paragraphs)


def test_blank_plan_and_written_workbook_agree_in_swedish(sv, sv_reference, blank_sv):
    """`intake new --lang sv` writes exactly the blank plan the writer makes in Swedish, and reads back to it."""
    assert blank_sv.read_bytes() == write_workbook(blank_plan("NAO", sv_reference), sv_reference, sv)
    assert read_intake(blank_sv, sv_reference, sv).plan == blank_plan("NAO", sv_reference)
    assert io.BytesIO(blank_sv.read_bytes()).getbuffer().nbytes > 0

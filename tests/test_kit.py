"""The workshop kit (digiplan kit): messages that a mail client opens, calendar entries that a calendar imports,
one-page facilitator agendas, every placeholder filled, and Finnish messages naming the cell when a value is missing."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import re
import shutil
import subprocess
import time
import zipfile
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from docx_helpers import blocks, open_docx, table_rows
from docxtpl import DocxTemplate
from icalendar import Calendar
from intake_helpers import edit, header_column, sample_file
from renders import EXTRA, valid_result

from pipeline.cli import cli
from pipeline.commands.kit import kit_report, run_kit
from pipeline.kit.agenda import TEMPLATE as AGENDA
from pipeline.kit.agenda import agenda_context
from pipeline.kit.calendar import KitZone
from pipeline.kit.facts import check
from pipeline.kit.package import kit_files
from pipeline.kit.texts import KitText
from pipeline.paths import DEFAULT_INPUT, TEMPLATES, OutputLayout
from pipeline.reference import WorkshopCalendar
from pipeline.render.context import RenderContext
from pipeline.render.word.document import jinja_env
from pipeline.samples import load_sample
from tools.stress import HOSTILE_TEXTS

HELSINKI = ZoneInfo("Europe/Helsinki")
PLACEHOLDER = re.compile(r"<[^<>\n]{1,60}>|\{[a-z_]+\}")
NAO = load_sample("NAO")
NAO_NAME = "Neuvonta, asiakasohjaus ja omaishoito"
NAO_TIMES = {1: (dt.date(2026, 8, 20), "9.00", "12.00"), 2: (dt.date(2026, 9, 3), "9.00", "12.00"),
             3: (dt.date(2026, 9, 17), "12.30", "15.30"), 4: (dt.date(2026, 10, 8), "13.00", "15.00")}


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


@pytest.fixture(scope="module")
def kit_dir(tmp_path_factory) -> Path:
    """`digiplan kit NAO` run once: the line code finds input_workbooks/NAO-esimerkki-tietopohja.xlsx (in a
    current folder whose input_workbooks/ holds NAO's and AVO's sample workbooks, read faster than all 15)."""
    out = tmp_path_factory.mktemp("kit")
    work = tmp_path_factory.mktemp("current")
    (work / "input_workbooks").mkdir()
    for code in ("NAO", "AVO"):
        shutil.copy(DEFAULT_INPUT / f"{code}-esimerkki-tietopohja.xlsx", work / "input_workbooks")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(work)
        result = run("kit", "NAO", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"NAO-esimerkki-tietopohja.xlsx: työpajapaketti kirjoitettu kansioon {out / 'NAO' / 'tyopajapaketti'} "
        "(13 tiedostoa).",
        "Yhteensä 1 työkirja: 1 työpajapaketti kirjoitettu, 0 ilman pakettia."]
    return out / "NAO" / "tyopajapaketti"


def read_eml(path: Path):
    raw = path.read_bytes()
    return raw, email.message_from_bytes(raw, policy=email.policy.default)


def text_of(message) -> str:
    """The decoded body with the transport's CRLF line ends as newlines."""
    return message.get_content().replace("\r\n", "\n")


def workshop_texts(labels, number: int) -> dict:
    return labels.node(f"kit.workshops.{number}")


# --- the files ------------------------------------------------------------------------------------------------------

def test_kit_writes_the_message_and_each_workshops_files(kit_dir):
    expected = {"NAO-viesti-uudelle-osallistujalle.eml"} | {
        f"NAO-tyopaja-{n}-{kind}" for n in range(1, 5) for kind in ("kutsu.eml", "kalenterivaraus.ics", "agenda.docx")}
    assert {p.name for p in kit_dir.iterdir()} == expected


def test_welcome_message_opens_as_a_finnish_draft_with_every_placeholder_filled(kit_dir, labels):
    raw, message = read_eml(kit_dir / "NAO-viesti-uudelle-osallistujalle.eml")
    assert raw.isascii() and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert re.search(rb"^Subject: [^\r\n]*=\?utf-8\?[bq]\?", raw, re.M), "the subject is encoded per RFC 2047"
    assert message["Subject"] == f"Tervetuloa mukaan digiasioinnin suunnitteluun – {NAO_NAME}"
    assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
    assert message["X-Unsent"] == "1" and message["Content-Language"] == "fi-FI"
    assert message["From"] is None and message["To"] is None and not message.defects
    body = text_of(message)
    assert body.startswith("Hei!\n\nSinut on nimetty mukaan palvelulinjasi digiasioinnin suunnittelutyöhön.")
    assert (f"Järjestämme elo–lokakuussa 2026 neljä työpajaa, joiden aikana kokoamme yhdessä palvelulinjan "
            f"”{NAO_NAME}” ensimmäisen vaiheen") in body
    for workshop in NAO.workshops:
        date, start, end = NAO_TIMES[workshop.number]
        when = f"torstaina {date.day}.{date.month}.2026 klo {start}–{end}"
        assert f"{workshop.number}. {workshop.name}\n    {when}" in body
    for task in labels.node("kit.pretasks"):
        assert f"• {task}\n" in body
    assert "Teams-tilan, joka löytyy täältä:\nhttps://teams.example.invalid/luvn/nao-digiasiointi\n" in body
    assert body.endswith("Ystävällisin terveisin\nPalveluesihenkilö Tiina Koskinen\n"
                         f"{NAO_NAME}\nLänsi-Uudenmaan hyvinvointialue\n")
    assert not PLACEHOLDER.search(body) and "None" not in body


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_invitation_of_each_workshop(number, kit_dir, labels):
    _, message = read_eml(kit_dir / f"NAO-tyopaja-{number}-kutsu.eml")
    name = NAO.workshops[number - 1].name
    assert message["Subject"] == f"Työpaja {number}: {name} – {NAO_NAME}"
    body = text_of(message)
    texts = workshop_texts(labels, number)
    date, start, end = NAO_TIMES[number]
    assert (f"Tämä on varaus työpajalle, jossa työstetään palvelulinjan ”{NAO_NAME}” digiasioinnin käyttöönottoa. "
            f"Työpajan aiheena on {texts['topic']}.\n\nTyöpajan jälkeen {texts['goal']}.") in body
    assert f"Aika: torstaina {date.day}.{date.month}.2026 klo {start}–{end}\n" in body
    assert "https://teams.example.invalid/luvn/nao-digiasiointi" in body
    assert f"tämä on sarjan {number}. työpaja." in body
    assert ("Ennen työpajaa voit valmistautua" in body) is (number == 1), "the pre-tasks go with workshop 1"
    assert not PLACEHOLDER.search(body) and not PLACEHOLDER.search(message["Subject"])
    assert "\n\n\n" not in body


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_calendar_entry_imports_with_helsinki_times_and_the_guides_length(number, kit_dir, reference):
    raw = (kit_dir / f"NAO-tyopaja-{number}-kalenterivaraus.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines folded at 75 octets"
    calendar = Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["METHOD"]) == "PUBLISH"
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Helsinki"]
    [event] = calendar.walk("VEVENT")
    date, start, _ = NAO_TIMES[number]
    hour, minute = map(int, start.split("."))
    begin = event.decoded("DTSTART")
    assert event["DTSTART"].params["TZID"] == event["DTEND"].params["TZID"] == "Europe/Helsinki"
    assert f"DTSTART;TZID=Europe/Helsinki:{date:%Y%m%d}T{hour:02d}{minute:02d}00".encode() in raw
    assert begin == dt.datetime.combine(date, dt.time(hour, minute), tzinfo=HELSINKI)
    hours = reference.workshop(number).duration_hours
    assert event.decoded("DTEND") - begin == dt.timedelta(hours=hours) == dt.timedelta(hours=(3, 3, 3, 2)[number - 1])
    _, message = read_eml(kit_dir / f"NAO-tyopaja-{number}-kutsu.eml")
    assert str(event["SUMMARY"]) == message["Subject"]
    assert str(event["DESCRIPTION"]) == text_of(message)
    assert str(event["URL"]) == "https://teams.example.invalid/luvn/nao-digiasiointi"
    assert str(event["LOCATION"]) == "Teams"
    assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 12, tzinfo=dt.UTC)   # the plan's version date


def test_calendar_uids_are_stable_and_distinct(kit_dir, tmp_path, reference, labels):
    def uids(folder):
        return [str(Calendar.from_ical(p.read_bytes()).walk("VEVENT")[0]["UID"])
                for p in sorted(folder.glob("*.ics"))]
    first = uids(kit_dir)
    assert len(set(first)) == 4
    path = sample_file(tmp_path, reference, labels)
    edit(path, lambda book: _set(book["Työpajat"], 3, "Päivämäärä", dt.datetime(2026, 9, 10)))
    assert run("kit", path, "-o", tmp_path / "out").exit_code == 0
    assert uids(tmp_path / "out" / "NAO" / "tyopajapaketti") == first, "a moved workshop keeps its UID"


def helsinki_checkpoints() -> list[dt.datetime]:
    """Noon UTC of every day of 2025–2035, and every quarter hour of the days around each change of offset."""
    out, day = [], dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC)
    while day.year < 2036:
        after = day + dt.timedelta(days=1)
        out.append(day)
        if after.astimezone(HELSINKI).utcoffset() != day.astimezone(HELSINKI).utcoffset():
            out.extend(day + dt.timedelta(minutes=15 * k) for k in range(1, 96))
        day = after
    return out


def test_vtimezone_agrees_with_the_time_zone_database():
    """The shipped Europe/Helsinki rules give the system database's offset, also in the hours of each change."""
    rules = KitZone.load(TEMPLATES).component.to_tz(lookup_tzid=False)   # built from the VTIMEZONE, not by name
    checkpoints = helsinki_checkpoints()
    assert len(checkpoints) > 4000 + 20 * 95
    for instant in checkpoints:
        assert instant.astimezone(rules).utcoffset() == instant.astimezone(HELSINKI).utcoffset(), instant


# --- the facilitator agenda -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_agenda_has_the_guides_goals_and_agenda_with_clock_times(number, kit_dir, labels):
    document = open_docx((kit_dir / f"NAO-tyopaja-{number}-agenda.docx").read_bytes())
    texts = workshop_texts(labels, number)
    paragraphs = [b.text for b in blocks(document) if not hasattr(b, "rows")]
    assert paragraphs[0] == f"Fasilitaattorin agenda · {NAO_NAME} (NAO)"
    assert paragraphs[1] == f"Työpaja {number}: {NAO.workshops[number - 1].name}"
    date, start, end = NAO_TIMES[number]
    hours = (3, 3, 3, 2)[number - 1]
    assert f"Aika: torstaina {date.day}.{date.month}.2026 klo {start}–{end} ({hours}\u00a0h)" in paragraphs
    assert "Fasilitaattori: Palveluesihenkilö Tiina Koskinen" in paragraphs
    goals = paragraphs.index("Tavoitteet: työpajan jälkeen")
    assert paragraphs[goals + 1: goals + 1 + len(texts["goals"])] == texts["goals"]
    checklist = paragraphs.index("Viestinnän tuki- ja muistilista")
    assert paragraphs[checklist + 1: checklist + 6] == labels.node("kit.checklist")
    [agenda] = document.tables
    rows = table_rows(agenda)
    assert rows[0] == ["Klo", "Aihe", "Kesto"]
    assert [r[1] for r in rows[1:]] == [a["item"] for a in texts["agenda"]]
    assert rows[1][0].startswith(f"{start}–") and rows[-1][0].endswith(f"–{end}")
    assert all(b.split("–")[0] == a.split("–")[1] for a, b in zip([r[0] for r in rows[1:]],
                                                                   [r[0] for r in rows[2:]], strict=False))
    assert document.core_properties.language == "fi-FI"
    assert not PLACEHOLDER.search("\n".join(paragraphs))


def test_agenda_template_and_context_agree(ctx):
    checked = check(valid_result(NAO), ctx.reference, ctx.labels, HELSINKI)
    assert checked.facts is not None
    context = agenda_context(checked.facts, checked.facts.workshops[0], KitText(checked.facts, ctx.reference,
                                                                                ctx.labels))
    template = DocxTemplate(str(ctx.templates / "word" / AGENDA))
    assert template.get_undeclared_template_variables(jinja_env()) == set(context)
    body = zipfile.ZipFile(ctx.templates / "word" / AGENDA).read("word/document.xml").decode()
    assert "&lt;w:" not in body and "{%p for t in goals %}" in body


def test_each_workshops_agenda_in_the_catalogue_fills_its_length(reference, labels):
    for info in reference.workshops:
        texts = workshop_texts(labels, info.number)
        assert sum(a["minutes"] for a in texts["agenda"]) == info.duration_hours * 60, info.number
        assert texts["topic"] and texts["goal"] and texts["goals"]


# NAO's agendas and those of the line with the longest participant lists, laid out in the plans' LibreOffice call
LONGEST = max(("AVO", "KAT", "ERIT", "VAM", "ASI"),
              key=lambda code: len(load_sample(code).basics.management + load_sample(code).basics.participants))
_AGENDAS: dict[str, list[bytes]] = {}


def agendas(code: str, ctx: RenderContext) -> list[bytes]:
    """The agendas of CODE's sample kit, in their files' order (made once per process)."""
    if code not in _AGENDAS:
        checked = check(valid_result(load_sample(code)), ctx.reference, ctx.labels, HELSINKI)
        assert checked.facts is not None, checked.problems
        files = kit_files(checked.facts, ctx, KitZone.load(ctx.templates), OutputLayout.of(Path("kit"), ctx.labels))
        _AGENDAS[code] = [data for path, data in sorted(files.items()) if path.suffix == ".docx"]
    return _AGENDAS[code]


EXTRA.setdefault("word", {}).update({f"agenda.{code}.{n}.docx": partial(lambda c, k, ctx: agendas(c, ctx)[k], code, n)
                                     for code in ("NAO", LONGEST) for n in range(4)})


@pytest.mark.office
def test_agendas_convert_to_one_page_pdfs(renders, ctx):
    """LibreOffice lays every agenda of NAO, and of the line with the longest participant lists, on one page."""
    assert len(agendas("NAO", ctx)) == len(agendas(LONGEST, ctx)) == 4
    pdfs = {name: pdf for name, pdf in renders.pdfs("word").items() if name.startswith("agenda.")}
    assert len(pdfs) == 8
    for pdf in pdfs.values():
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Pages:\s+1$", info, re.M), pdf.name
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Viestinnän tuki- ja muistilista" in text and "Agenda ja tavoitteet" in text


# --- missing values: a message naming the cell, and no file -------------------------------------------------------

def _set(sheet, row: int, header: str, value) -> None:
    sheet.cell(row, header_column(sheet, header)).value = value


def _form_row(sheet, label: str) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if str(sheet.cell(r, 1).value or "").rstrip(" *") == label)


def test_missing_date_and_teams_link_name_their_cells_and_write_nothing(tmp_path, reference, labels):
    path = sample_file(tmp_path, reference, labels)
    rows = {}

    def change(book):
        _set(book["Työpajat"], 3, "Päivämäärä", None)
        rows["teams"] = _form_row(book["Perustiedot"], "Teams-tila")
        book["Perustiedot"].cell(rows["teams"], 2).value = None
    edit(path, change)
    result = run("kit", path, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "NAO.xlsx: työpajapakettia ei tehty – 2 puuttuvaa tai virheellistä tietoa.",
        f"  virhe: NAO.xlsx › Perustiedot › B{rows['teams']}, Teams-tila: Palvelulinjan Teams-tilan linkki puuttuu, "
        "joten kutsuihin ei voi kertoa, missä työskennellään. Korjaus: Kopioi soluun palvelulinjan Teams-tilan osoite "
        "(alkaa https://).",
        "  virhe: NAO.xlsx › Työpajat › C3, Päivämäärä: Työpajan 2 päivämäärä puuttuu, joten siihen ei voi tehdä "
        "kutsua eikä kalenterivarausta. Korjaus: Kirjoita soluun työpajan päivämäärä muodossa p.k.vvvv, "
        "esim. 20.8.2026.",
        "Yhteensä 1 työkirja: 0 työpajapakettia kirjoitettu, 1 ilman pakettia."]
    assert not (tmp_path / "out").exists()


def test_missing_start_time_uses_the_documented_default_and_says_so(tmp_path, reference, labels):
    path = sample_file(tmp_path, reference, labels)
    edit(path, lambda book: _set(book["Työpajat"], 4, "Alkamisaika", None))
    result = run("kit", path, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert ("  varoitus: NAO.xlsx › Työpajat › D4, Alkamisaika: Työpajan 3 alkamisaika puuttuu; kutsussa ja "
            "kalenterivarauksessa työpaja alkaa oletusaikaan klo 9.00. Korjaus: Kirjoita soluun oikea alkamisaika "
            "muodossa t.mm, jos työpaja alkaa muuhun aikaan.") in result.output.splitlines()
    event = Calendar.from_ical((tmp_path / "out/NAO/tyopajapaketti/NAO-tyopaja-3-kalenterivaraus.ics").read_bytes())
    assert event.walk("VEVENT")[0].decoded("DTSTART") == dt.datetime(2026, 9, 17, 9, 0, tzinfo=HELSINKI)


def test_without_a_default_a_missing_start_time_is_an_error(tmp_path, reference, labels):
    path = sample_file(tmp_path, reference, labels)
    edit(path, lambda book: _set(book["Työpajat"], 2, "Alkamisaika", None))
    strict = reference.model_copy(update={"workshop_calendar": WorkshopCalendar()})
    kit = run_kit([str(path)], tmp_path / "out", DEFAULT_INPUT, RenderContext(strict, labels, dt.date(2026, 11, 26)))
    assert kit.exit_code == 1 and not (tmp_path / "out").exists()
    assert ("  virhe: NAO.xlsx › Työpajat › D2, Alkamisaika: Työpajan 1 alkamisaika puuttuu, eikä oletusaikaa ole "
            "asetettu. Korjaus: Kirjoita soluun alkamisaika muodossa t.mm, esim. 9.00, tai aseta oletusaika "
            "(default_start_time) tiedostoon templates/data/workshops.toml.") in kit_report(kit, labels).splitlines()


def test_placeholder_name_missing_workshop_and_bad_link_are_reported_together(tmp_path, reference, labels):
    path = sample_file(tmp_path, reference, labels)
    rows = {}

    def change(book):
        basics = book["Perustiedot"]
        rows["own"] = _form_row(basics, "Operatiivinen vastuuhenkilö")
        rows["teams"] = _form_row(basics, "Teams-tila")
        basics.cell(rows["own"], 2).value = "<oma nimi>"
        basics.cell(rows["teams"], 2).value = "Teams-kanava NAO"
        book["Työpajat"].delete_rows(5)
    edit(path, change)
    result = run("kit", path, "-o", tmp_path / "out")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "NAO.xlsx: työpajapakettia ei tehty – 3 puuttuvaa tai virheellistä tietoa."
    assert lines[1].startswith(f"  virhe: NAO.xlsx › Perustiedot › B{rows['own']}, Operatiivinen vastuuhenkilö: "
                               "Solussa on paikkamerkki ”<oma nimi>”")
    assert lines[2].startswith(f"  virhe: NAO.xlsx › Perustiedot › B{rows['teams']}, Teams-tila: ”Teams-kanava NAO” "
                               "ei ole verkko-osoite")
    assert lines[3] == ("  virhe: NAO.xlsx › Työpajat: Työpajaa 4 (”Suunnitelman täydennys (varakerta)”) ei ole "
                        "välilehdellä. Korjaus: Lisää välilehdelle rivi, jonka numero on 4, ja täytä sen päivämäärä ja "
                        "alkamisaika.")
    assert not (tmp_path / "out").exists()


def test_invalid_workbook_gives_its_validation_errors_and_the_others_go_on(tmp_path, reference, labels):
    broken = sample_file(tmp_path, reference, labels, "KAT")
    edit(broken, lambda book: _set(book["Kehittämispolku"], 2, "Alkaa", "31.2.2025"))
    good = sample_file(tmp_path, reference, labels, "NAO")
    result = run("kit", broken, good, "-o", tmp_path / "out")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:2] == [
        "KAT.xlsx: työkirjassa on 1 virhe, joten työpajapakettia ei tehty.",
        "  virhe: KAT.xlsx › Kehittämispolku › D2, Alkaa: Päivämäärää ”31.2.2025” ei ole olemassa. "
        "Korjaus: Tarkista päivä ja kuukausi ja kirjoita päivämäärä muodossa p.k.vvvv, esim. 28.2.2025."]
    assert lines[2].startswith("NAO.xlsx: työpajapaketti kirjoitettu")
    assert not (tmp_path / "out" / "KAT").exists() and (tmp_path / "out" / "NAO" / "tyopajapaketti").is_dir()


def test_unknown_argument_is_a_usage_error(tmp_path):
    result = run("kit", "XYZ", "-o", tmp_path)
    assert result.exit_code == 2
    assert "”XYZ” ei ole tiedosto, kansio eikä palvelulinjan tunnus. Palvelulinjat: NAO, KAT, AP" in result.output
    assert "Traceback" not in result.output and not list(tmp_path.iterdir())


# --- text safety and reproducibility ------------------------------------------------------------------------------

def test_hostile_names_arrive_literally_in_every_file(ctx, tmp_path):
    plan = NAO.model_copy(deep=True)
    plan.basics.line_name = f"{HOSTILE_TEXTS[1]} & {HOSTILE_TEXTS[4]}"
    plan.basics.facilitator = "Åsa Öhman-Ärlig \"Vastaava\""
    checked = check(valid_result(plan), ctx.reference, ctx.labels, HELSINKI)
    assert checked.facts is not None, checked.problems
    files = kit_files(checked.facts, ctx, KitZone.load(ctx.templates), OutputLayout.of(tmp_path, ctx.labels))
    for path, data in files.items():
        if path.suffix == ".eml":
            message = email.message_from_bytes(data, policy=email.policy.default)
            assert plan.basics.line_name in message["Subject"] + text_of(message)
            assert plan.basics.facilitator in text_of(message)
        elif path.suffix == ".ics":
            event = Calendar.from_ical(data).walk("VEVENT")[0]
            assert plan.basics.line_name in str(event["SUMMARY"])
        else:
            paragraphs = [b.text for b in blocks(open_docx(data)) if not hasattr(b, "rows")]
            assert paragraphs[0] == f"Fasilitaattorin agenda · {plan.basics.line_name} (NAO)"


def test_same_workbook_gives_the_same_bytes(kit_dir, tmp_path):
    time.sleep(1.1)         # a file stamped with the run's clock would now differ
    assert run("kit", DEFAULT_INPUT / "NAO-esimerkki-tietopohja.xlsx", "-o", tmp_path).exit_code == 0
    again = tmp_path / "NAO" / "tyopajapaketti"
    for path in kit_dir.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name

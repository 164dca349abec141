"""What the wording checks of issue 23 read: every text a reader of an Office file can meet (its parts' texts and the
names, descriptions and prompts of its shapes, pictures and cells), the program's Finnish words that must not show in
a Swedish output, and the wrong forms the native review found, which no catalogue or output may hold."""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from pipeline.catalog import Labels
from pipeline.reference import Reference

# Attributes that hold text a user sees in Office: shape and picture names and alternative texts (cNvPr, docPr),
# data-validation prompts and alerts, sheet names, a layout's name.
SHOWN_ATTRIBUTES = {"name", "descr", "title", "prompt", "promptTitle", "error", "errorTitle"}
# Attributes that name things no user sees as text (styles, fonts, fields, theme parts).
_SKIPPED_PARTS = re.compile(r"(theme|styles|fontTable|settings|webSettings|numbering|\[Content_Types\]|\.rels|"
                            r"presProps|viewProps|tableStyles|calcChain)")


def office_texts(data: bytes) -> Iterator[tuple[str, str]]:
    """(part, text) of every element text and shown attribute of the XML parts of an Office file."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml") or _SKIPPED_PARTS.search(name):
                continue
            root = etree.fromstring(archive.read(name))
            for element in root.iter():
                if not isinstance(element.tag, str):
                    continue
                if element.text and element.text.strip():
                    yield name, element.text.strip()
                for attribute, value in element.attrib.items():
                    if etree.QName(attribute).localname in SHOWN_ATTRIBUTES and value.strip():
                        yield name, value.strip()


def _literal(text: str) -> str:
    """TEXT without its placeholders and plurals (each becomes a line break, which no piece of output spans)."""
    while "{" in text:
        start = text.index("{")
        depth, at = 0, start
        while at < len(text):
            depth += {"{": 1, "}": -1}.get(text[at], 0)
            at += 1
            if depth == 0:
                break
        text = text[:start] + "\n" + text[at:]
    return text.replace("\u00ad", "")


def program_texts(labels: Labels) -> set[str]:
    """The catalogue's texts and their fixed parts between placeholders, at least two words long."""
    from catalogue_helpers import user_texts
    found = set()
    for _, text in user_texts(labels):
        for part in _literal(text).split("\n"):
            part = part.strip(" .,:;–-()[]”\"")
            if len(part) >= 10 and " " in part:
                found.add(part)
    return found


def finnish_program_words(fi: Labels, sv: Labels, fi_reference: Reference, sv_reference: Reference) -> set[str]:
    """The Finnish program texts that a Swedish output must not show: the Finnish catalogue's texts (and fixed parts
    of them) that the Swedish catalogue lacks, and the Finnish names of the reference data whose Swedish name differs
    (the systems' Swedish names are another issue's)."""
    swedish = program_texts(sv) | {t for _, t in __import__("test_finnish").user_texts(sv)}
    words = {text for text in program_texts(fi) if not any(text in s for s in swedish)}
    names = [fi_reference.organisation.name, *(a.name for a in fi_reference.organisation.areas),
             *(c.name for c in fi_reference.channels), *fi_reference.readiness_items]
    own = {sv_reference.organisation.name, *(a.name for a in sv_reference.organisation.areas),
           *(c.name for c in sv_reference.channels), *sv_reference.readiness_items}
    words |= {name for name in names if name not in own}
    # names the template and renderers give pictures, layouts, shapes and prompts
    words |= {text for key in ("layouts", "shapes", "prompts") for text in fi.node(f"deck.{key}").values()
              if text not in sv.node(f"deck.{key}").values() and len(text) > 3}
    # a text the samples' users typed too (a decider "Digiasioinnin ohjausryhmä") is their content, not the program's
    typed = "\n".join(path.read_text(encoding="utf-8") for path in SAMPLES.glob("*.toml"))
    return {word for word in words if word not in typed}


SAMPLES = Path(__file__).resolve().parents[1] / "templates" / "samples"

FINNISH_PATTERNS = re.compile(r"^Kuva \d+$|\bHVA\b|piirretään tähän")

# The wrong forms of the native review (issue 23): none in any catalogue text or output of the language.
WRONG_FORMS = {
    "sv": [r"Följande delmål", r"Pågående månad", r"\bI skick\b", r"\bPå gång\b", r"har passerats",
           r"räknas bara av", r"\bav vilka\b", r"€ engångs\b", r"Arbetet är delaktigt", r"Vilka berörs och",
           r"hur tidsplanen kan hämtas in", r"Tjänstens synpunkter för", r"Motivering av\b", r"när gränsen är",
           r"den raden som saknas", r"\bfast (den|kanalen|det)\b", r"Jag presenterar Välfärdsområdets",
           r"till underhållet", r"Teknisk uppgift", r"lämna bort", r"duger inte", r"Vem som följer risken",
           r"årsverken? ny resurs", r"\d:a vågen", r"[Pp]er lägesdatumet", r"CaseM lomakepalvelu",
           r"vad behöver vi för", r"\bni prioriterar\b", r"\bert serviceområde"],
    "fi": [r"Esittelen HVA:n", r"Esittelen [A-ZÅÄÖ]\w+ palvelut:", r"Onko käyttöönoton edellytykset",
           r"joista korkeita 0\b", r"riippuvuuksia on 0\b", r"Linjoista 0\b", r"\bHVA:n\b", r", siksi jokainen",
           r"Päätösesityksiä odottaa:", r"osallistumisenne priorisointia", r"joista myöhässä 0\b",
           r"teidän palvelualueenne"],
}


def wrong_forms(text: str, language: str) -> list[str]:
    return [pattern for pattern in WRONG_FORMS[language] if re.search(pattern, text)]


# A zero count inside a sentence: "0" after a word and before a word or at the sentence's end (not a figure in a
# table cell, a date, an amount, a ratio such as "0 / 13" or a bound such as "mellan 0 och 60").
ZERO_IN_SENTENCE = re.compile(r"(?<![\d,./:–-])(?<=[a-zåäö] )(?<!mellan )(?<!från )(?<!välillä )"
                              r"0(?= [a-zåäö]|[.,;]?$|[.,;] )")


def zero_in_sentence(text: str) -> bool:
    """Whether TEXT prints a zero count inside a sentence; a tally of figures ("valid 4 / 4 · red 0") is no
    sentence."""
    return "·" not in text and ZERO_IN_SENTENCE.search(text) is not None

"""Counts under ten in running text are words in Finnish ("kolme palvelua", "viidellä mittarilla"), up to twelve in
Swedish (Svenska skrivregler: "tre tjänster", "ett beslut"); tables, dates, money, htv, scores and codes keep
digits, and one sentence writes its counts alike ("10 päätöstä, joista 3 …"). The words come from the catalogues
(`language.numbers`), the helper is `Labels.fill`'s `{count, spellout, FORM}`."""
from __future__ import annotations

import io
import re

import pytest
from docx import Document
from pptx import Presentation

# counted nouns the catalogues write after a count in running text, in the forms they take
FI_NOUNS = (r"asia|asiaa|asiaan|palvelu|palvelua|palvelun|palvelulle|päätöstä|päätösesitystä|mittarilla|"
            r"mittarilta|tehtävää|linjaa|korkeaa|riskiä|roolia|rooli|vaihe|vaiheeseen|sopimusta|avointa|avoin|"
            r"niistä|palvelulinjaa|palvelulinjan|muutosta")
SV_NOUNS = (r"tjänst|tjänster|beslut|ärenden|frågor|fråga|mätare|risker|linjer|servicelinjer|öppna|uppgifter|"
            r"faser|roller")


def test_finnish_counts_under_ten_are_words_in_the_form_asked(labels):
    assert labels.fill("{n, spellout} palvelua", n=3) == "kolme palvelua"
    assert labels.fill("{n, spellout, adessive} mittarilla", n=5) == "viidellä mittarilla"
    assert labels.fill("{n, spellout, illative} vaiheeseen", n=4) == "neljään vaiheeseen"
    assert labels.fill("{n, spellout, genitive} palvelun", n=1) == "yhden palvelun"
    assert labels.fill("{n, spellout, ablative} niistä", n=2) == "kahdelta niistä"
    assert labels.fill("{n, spellout} palvelua", n=10) == "10 palvelua"          # ten and more: digits
    assert labels.fill("{n, spellout} palvelua", n=1234) == "1\u00a0234 palvelua"
    assert labels.fill("{n, spellout} htv", n="0,5") == "0,5 htv"                # a shown number stays as it is


def test_one_sentence_writes_its_counts_alike_and_a_sentence_starts_with_a_capital(labels):
    text = "{a, spellout} päätöstä, joista {b, spellout} on myöhässä"
    assert labels.fill(text, a=4, b=3) == "neljä päätöstä, joista kolme on myöhässä"
    assert labels.fill(text, a=10, b=3) == "10 päätöstä, joista 3 on myöhässä"
    assert labels.fill("Valmis. {n, spellout} linjaa odottaa.", n=3) == "Valmis. Kolme linjaa odottaa."
    assert labels.fill("{n, spellout, Basic} linjaa odottaa.", n=3) == "Kolme linjaa odottaa."
    assert labels.fill("{n, spellout} asiaa {where}", n=3, where="alueella") == "kolme asiaa alueella"


def test_swedish_writes_up_to_twelve_in_words_with_the_gender_asked(sv):
    assert sv.fill("{n, spellout} tjänster", n=3) == "tre tjänster"
    assert sv.fill("{n, spellout} tjänst", n=1) == "en tjänst"
    assert sv.fill("{n, spellout, neuter} beslut", n=1) == "ett beslut"
    assert sv.fill("{n, spellout} tjänster", n=12) == "tolv tjänster"
    assert sv.fill("{n, spellout} tjänster", n=13) == "13 tjänster"


def test_a_missing_form_is_a_clear_catalogue_error(labels):
    with pytest.raises(Exception, match="Lukusanojen muotoa ”translative”"):
        labels.fill("{n, spellout, translative} palveluksi", n=2)


def running_text(data: bytes, kind: str) -> list[str]:
    """The paragraphs outside tables: Word body paragraphs; slide text frames and speaker notes."""
    if kind == "docx":
        return [p.text for p in Document(io.BytesIO(data)).paragraphs]
    out = []
    for slide in Presentation(io.BytesIO(data)).slides:
        out += [p.text for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs]
        if slide.has_notes_slide:
            out += [p.text for p in slide.notes_slide.notes_text_frame.paragraphs]
    return out


def digit_counts(texts: list[str], nouns: str, limit: int) -> list[str]:
    """Sentences where a count with a word (under LIMIT) stands in digits before a counted noun, unless the sentence
    has another count of LIMIT or more (then all its counts keep digits) or is a figure line ("4 linjaa: riskissä
    1 · myöhässä 2"). Dates, money, fractions ("3 / 3") and decimals are no counts."""
    found = []
    for text in texts:
        if "·" in text or re.match(r"\d+ \w+: [^.]* \d+$", text):        # a slide's figure line
            continue
        for sentence in re.split(r"(?<=[.:;])\s+", text):
            bare = re.sub(r"\d+\.\d+\.\d{4}|\d[\d\u00a0 ]*\u00a0€|\d+ / \d+|\d+,\d+", " ", sentence)
            numbers = [int(n) for n in re.findall(r"(?<![\d.,])\b\d+\b", bare)]
            counts = [int(n) for n in re.findall(rf"(?<![\d.,/–-])\b(\d+)\s+(?:{nouns})\b", bare)]
            if counts and all(n < limit for n in numbers):
                found.append(sentence)
    return found


def outputs(r) -> list[tuple[bytes, str]]:
    return [(r.word("NAO"), "docx"), (r.word("KAT"), "docx"), (r.deck("NAO"), "pptx"), (r.deck("AVO"), "pptx"),
            (r.area_plan("IKA"), "docx"), (r.area_deck("IKA"), "pptx"), (r.county_plan(), "docx"),
            (r.county_deck(), "pptx")]


def test_finnish_outputs_write_counts_under_ten_in_words(renders):
    texts = [t for data, kind in outputs(renders) for t in running_text(data, kind)]
    assert any(re.search(r"\b(kaksi|kolme|neljä|viisi|yksi)\b", t) for t in texts)
    assert digit_counts(texts, FI_NOUNS, 10) == []


def test_the_sentence_check_finds_digits_and_spares_mixed_sentences():
    texts = ["Muutos koskee 5 palvelun asiakkaita.",
             "Päätöstä odottaa 10 asiaa, joista 3 on myöhässä.",
             "Tilannepäivänä 26.11.2026 myöhässä on 2 avointa asiaa.", "4 linjaa: riskissä 1 · myöhässä 2",
             "3 linjaa: riskissä 3",
             "Palvelulinjat: 3 / 3 kelvollista työkirjaa", "Uutta resurssia tarvitaan 1,5 henkilötyövuotta."]
    assert digit_counts(texts, FI_NOUNS, 10) == ["Muutos koskee 5 palvelun asiakkaita.",
                                                  "Tilannepäivänä 26.11.2026 myöhässä on 2 avointa asiaa."]


def test_swedish_outputs_write_counts_up_to_twelve_in_words(sv_renders):
    texts = [t for data, kind in outputs(sv_renders) for t in running_text(data, kind)]
    assert digit_counts(texts, SV_NOUNS, 13) == []

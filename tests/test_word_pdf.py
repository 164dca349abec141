"""The Word plans as LibreOffice lays them out: a huge plan and a spread of samples convert whole, every word on its
page, long texts and tall cells never cut off."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pdf_helpers import pdf_pages
from renders import HUGE, PDF_SAMPLES


def pdf_words(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.xdist_group("libreoffice-plans")          # one worker converts the shared plans (tests/renders.py)
@pytest.mark.office
def test_huge_plan_and_the_samples_convert_to_pdf(renders):
    pdfs = [renders.pdfs("word")[code] for code in (HUGE, *PDF_SAMPLES)]
    for pdf in pdfs:
        assert pdf.exists() and pdf.stat().st_size > 10_000, pdf.name
        text = pdf_words(pdf)
        assert not re.search(r"\bNone\b", text), pdf.name
        assert "Sivu 1 /" in text.replace("\u00a0", " ") or "Sivu 2 /" in text, pdf.name
    text = pdf_words(pdfs[0])
    for marker in ("LOPPUMERKKI", "TAVOITEMERKKI", "TERMIMERKKI"):  # long text and tall cells never cut off
        assert marker in text


@pytest.mark.xdist_group("libreoffice-plans")          # one worker converts the shared plans (tests/renders.py)
@pytest.mark.office
def test_samples_keep_every_word_on_its_page(renders):
    """In LibreOffice's layout no word of a plan runs off the page."""
    for code in PDF_SAMPLES:
        for page in pdf_pages(renders.pdfs("word")[code]):
            assert page.words and not page.off_page(), code



@pytest.mark.xdist_group("libreoffice-plans")          # one worker converts the shared plans (tests/renders.py)
@pytest.mark.office
def test_word_charts_are_drawn_by_libreoffice_with_their_series_and_categories(renders):
    """The roadmap and the metrics are Word charts: LibreOffice draws them in the PDF, their legends, row labels and
    value labels readable as text (NAO's sample)."""
    text = " ".join(pdf_words(renders.pdfs("word")["NAO"]).replace("\u00a0", " ").split())
    for words in ("Suunniteltu tai käynnissä", "Valmis", "Välitavoite", "Tilanne 26.11.2026",      # the Gantt
                  "Chat: Chat-pilotti Lohjan asiakasohjauksessa", "Videotapaamiset: Etävertaisryhmien kokeilu",
                  "Lähtötaso", "Tavoitetaso", "Chat: Puhelinyhteydenottojen määrä kuukaudessa",   # the metrics
                  "4 200 kpl/kk", "3 000 kpl/kk", "ei tiedossa"):
        assert words in text, words
    assert "Series" not in text and "Sarja" not in text

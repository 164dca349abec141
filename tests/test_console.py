"""What a build shows as it goes: a bar redrawn in place on a terminal, a line per file otherwise; the end table."""
from __future__ import annotations

import io

from pipeline.build.console import BAR_WIDTH, Progress, Row, end_table


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_one_bar_per_phase_fills_in_place(labels, monkeypatch):
    monkeypatch.setattr("pipeline.build.console.REDRAW_SECONDS", 0)
    monkeypatch.setenv("COLUMNS", "120")
    screen = Terminal()
    progress = Progress(labels, screen)
    progress.phase("render", 2)
    progress.step("NAO/NAO-kayttoonottosuunnitelma.docx", "written")
    progress.step("NAO/NAO-muutoksen-tarina.pptx", "unchanged")
    progress.phase("package", 1)
    progress.step("paketit/LUVN-paketti.zip", "written")
    progress.close()
    lines = screen.getvalue().split("\n")
    assert len(lines) == 3 and lines[-1] == ""                    # one finished line per phase
    render = [draw.rstrip() for draw in lines[0].split("\r") if draw]
    assert render[0] == f"Muodostetaan asiakirjat {'░' * BAR_WIDTH} 0/2"
    assert render[1] == (f"Muodostetaan asiakirjat {'█' * (BAR_WIDTH // 2)}{'░' * (BAR_WIDTH // 2)} 1/2 "
                         "NAO/NAO-kayttoonottosuunnitelma.docx")
    assert render[-1] == f"Muodostetaan asiakirjat {'█' * BAR_WIDTH} 2/2"
    assert lines[1].split("\r")[-1].rstrip() == f"Kootaan paketit {'█' * BAR_WIDTH} 1/1"


def test_a_narrow_terminal_cuts_the_bar_line_to_its_width(labels, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    screen = Terminal()
    progress = Progress(labels, screen)
    progress.phase("render", 1)
    progress.step("NAO/NAO-kayttoonottosuunnitelma.docx", "written")
    progress.close()
    assert all(len(draw) == 39 for draw in screen.getvalue().rstrip("\n").split("\r") if draw)


def test_elsewhere_a_line_per_phase_and_per_file(labels):
    log = io.StringIO()
    progress = Progress(labels, log)
    progress.phase("read", 1)
    progress.step("NAO.xlsx", "read")
    progress.phase("pdf", 2)
    progress.step("NAO/NAO-kayttoonottosuunnitelma.pdf", "written")
    progress.step("NAO/NAO-muutoksen-tarina.pdf", "failed")
    progress.close()
    assert log.getvalue().splitlines() == [
        "Luetaan tietopohjat (1)…", "  1/1 NAO.xlsx: luettu",
        "Tehdään PDF-kopiot (2)…", "  1/2 NAO/NAO-kayttoonottosuunnitelma.pdf: kirjoitettu",
        "  2/2 NAO/NAO-muutoksen-tarina.pdf: epäonnistui"]


def test_end_table_lines_up_its_columns(labels):
    rows = [Row("NAO", "valid", 0, 2, 0.915, written=1, unchanged=3), Row("tyhja.xlsx", "unreadable", 1, 0, None),
            Row("")]
    assert end_table(rows, labels) == [
        "Linja       Tila            Virheet  Varoitukset  Täyttöaste  Tiedostot",
        "----------  --------------  -------  -----------  ----------  --------------------------",
        "NAO         kelvollinen           0            2        92\u00a0%  1 kirjoitettu, 3 ennallaan",
        "tyhja.xlsx  ei luettavissa        1            0           –  –",
        "Yhteiset                          –            –           –  –"]

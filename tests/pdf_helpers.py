"""Reading a PDF LibreOffice wrote: its pages and where each word stands (poppler's pdftotext)."""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)"')


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: list[tuple[float, float, float, float]]       # each word's box: x0, y0, x1, y1

    def off_page(self) -> list[tuple[float, float, float, float]]:
        return [w for w in self.words if w[0] < 0 or w[1] < 0 or w[2] > self.width or w[3] > self.height]


def pdf_pages(pdf: Path) -> list[Page]:
    html = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8", errors="replace")
    return [Page(float(w), float(h), [tuple(map(float, box)) for box in WORD.findall(body)])
            for w, h, body in PAGE.findall(html)]

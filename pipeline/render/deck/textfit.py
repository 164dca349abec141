"""Measuring text with real font metrics, wrapping it into a box, shortening it and splitting lists over pages.

python-pptx never shrinks text, so every text frame the deck writes is measured here first: the theme font is
mapped to its open metric-compatible twin (Calibri ↔ Carlito, Arial ↔ Liberation Sans), located with fontconfig,
and measured with Pillow. Lengths are in points; boxes in EMU are converted by the caller (`Box.from_emu`).
"""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from pipeline.exceptions import ConfigError
from pipeline.paths import TEMPLATES
from pipeline.render.deck.specs import Run

EMU_PER_PT = 12700
MIN_SIZE_PT = 12.0
ELLIPSIS = "…"
_REFERENCE_PX = 200              # fonts are loaded once at this size and lengths scaled linearly
_WIDTH_SAFETY = 1.04             # renderers differ slightly (kerning, hinting): keep a margin
_LINE_FACTOR = 1.22              # PowerPoint's single line spacing for Calibri-like fonts, per em
METRIC_TWINS = {"calibri": "Carlito", "arial": "Liberation Sans", "cambria": "Caladea",
                "times new roman": "Liberation Serif", "courier new": "Liberation Mono",
                "carlito": "Carlito", "liberation sans": "Liberation Sans"}
# The fonts the project ships come first, so measuring never depends on what the machine has installed.
_FALLBACK_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
SHIPPED_FONTS = TEMPLATES / "fonts"


@lru_cache(maxsize=16)
def font_file(typeface: str, bold: bool = False) -> str:
    """The TTF file of TYPEFACE's metric twin (bold or regular); ConfigError if it is not installed."""
    family = METRIC_TWINS.get(typeface.strip().casefold())
    if family is None:
        raise ConfigError(code="font_no_twin", file="templates/deck/deck.pptx", typeface=typeface)
    pattern = f"{family}:bold" if bold else f"{family}:regular"
    stem = family.replace(" ", "") + ("-Bold" if bold else "-Regular")
    shipped = SHIPPED_FONTS / f"{stem}.ttf"
    if shipped.is_file():
        return str(shipped)
    if shutil.which("fc-match"):
        done = subprocess.run(["fc-match", "-f", "%{family}\t%{file}", pattern],
                              capture_output=True, text=True, check=False)
        found_family, _, path = done.stdout.partition("\t")
        if done.returncode == 0 and family.casefold() in found_family.casefold() and path:
            return path
    for folder in _FALLBACK_DIRS:
        for found in sorted(folder.rglob(f"{stem}.ttf")) if folder.is_dir() else []:
            return str(found)
    raise ConfigError(code="font_missing", file=str(SHIPPED_FONTS), family=family)


@lru_cache(maxsize=16)
def _font(path: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, _REFERENCE_PX)


@lru_cache(maxsize=65536)
def _reference_length(path: str, text: str) -> float:
    """TEXT's advance width in ems of the font at PATH (words repeat a lot: cached)."""
    return _font(path).getlength(text) / _REFERENCE_PX


@dataclass(frozen=True)
class Face:
    """A typeface at one size: measures text lengths and line heights in points."""
    typeface: str
    size: float
    bold: bool = False

    def length(self, text: str) -> float:
        return _reference_length(font_file(self.typeface, self.bold), text) * self.size * _WIDTH_SAFETY

    @property
    def line_height(self) -> float:
        font = _font(font_file(self.typeface, self.bold))
        ascent, descent = font.getmetrics()
        return max((ascent + descent) / _REFERENCE_PX, _LINE_FACTOR) * self.size

    def with_bold(self, bold: bool) -> Face:
        return Face(self.typeface, self.size, bold)


@dataclass(frozen=True)
class Box:
    """The usable text area of a frame in points (insets already removed)."""
    width: float
    height: float

    @classmethod
    def from_emu(cls, width: int, height: int, insets: tuple[int, int, int, int] = (91440, 45720, 91440, 45720)
                 ) -> Box:
        left, top, right, bottom = insets
        return cls((width - left - right) / EMU_PER_PT, (height - top - bottom) / EMU_PER_PT)


@dataclass(frozen=True)
class ParaStyle:
    """How one paragraph of a frame is laid out: face, left indent (bullet), space before, line spacing."""
    face: Face
    indent: float = 0.0           # points taken by the bullet hanging indent
    space_before: float = 0.0
    spacing: float = 1.0          # line spacing as a multiple of single




def _tokens(runs: list[Run]) -> list[tuple[str, bool, bool]]:
    """Words with their boldness and whether a hard line break precedes them."""
    out: list[tuple[str, bool, bool]] = []
    pending_break = False
    for text, bold in runs:
        for n, segment in enumerate(text.split("\n")):
            if n:
                pending_break = True
            for word in segment.split():
                out.append((word, bold, pending_break))
                pending_break = False
    return out


def _split_word(word: str, face: Face, width: float) -> list[str]:
    """A word wider than the line, broken by characters as PowerPoint does."""
    pieces, current = [], ""
    for char in word:
        if current and face.length(current + char) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return pieces + [current] if current else pieces


def wrap(runs: list[Run], face: Face, width: float) -> list[str]:
    """The lines the runs take in WIDTH points (greedy word wrap, long words broken)."""
    return list(_wrapped(tuple(runs), face, width))


@lru_cache(maxsize=4096)
def _wrapped(runs: tuple[Run, ...], face: Face, width: float) -> tuple[str, ...]:
    """`wrap`, remembered: fitting a slide measures the same texts again at each trial (two thirds of the calls)."""
    lines: list[str] = []
    current, current_len = "", 0.0
    space = face.length(" ")
    for word, bold, hard_break in _tokens(list(runs)):
        word_face = face.with_bold(bold)
        length = word_face.length(word)
        if hard_break and current:
            lines.append(current)
            current, current_len = "", 0.0
        if current and current_len + space + length <= width:
            current, current_len = f"{current} {word}", current_len + space + length
            continue
        if current:
            lines.append(current)
        if length > width:
            *full, word = _split_word(word, word_face, width)
            lines.extend(full)
            length = word_face.length(word)
        current, current_len = word, length
    if current or not lines:
        lines.append(current)
    return tuple(lines)


def para_height(runs: list[Run], style: ParaStyle, width: float) -> float:
    lines = len(wrap(runs, style.face, width - style.indent))
    return style.space_before + lines * style.face.line_height * style.spacing


def shorten(runs: list[Run], style: ParaStyle, width: float, max_lines: int) -> tuple[list[Run], bool]:
    """RUNS cut at a word boundary with an ellipsis so they take at most MAX_LINES lines; (runs, was_cut)."""
    if len(wrap(runs, style.face, width - style.indent)) <= max_lines:
        return runs, False
    words = [(w, b) for w, b, _ in _tokens(runs)]
    low, high = 0, len(words)
    while low < high:                      # the most words that still fit with the ellipsis
        mid = (low + high + 1) // 2
        if len(wrap(_join(words[:mid]), style.face, width - style.indent)) <= max_lines:
            low = mid
        else:
            high = mid - 1
    kept = _join(words[:low])
    if low == 0:                           # a single giant word: cut by characters
        first = _split_word(words[0][0] + ELLIPSIS, style.face.with_bold(words[0][1]), width - style.indent)
        text = "".join(first[:max_lines])
        return [(text[:-1] + ELLIPSIS, words[0][1])], True
    return kept, True


def _join(words: list[tuple[str, bool]]) -> list[Run]:
    runs: list[Run] = []
    for n, (word, bold) in enumerate(words):
        text = (" " if n else "") + word
        if runs and runs[-1][1] == bold:
            runs[-1] = (runs[-1][0] + text, bold)
        else:
            runs.append((text, bold))
    if runs:
        runs[-1] = (runs[-1][0] + ELLIPSIS, runs[-1][1])
    return runs

"""Finnish formatting of dates and numbers, shared by every deliverable."""
from __future__ import annotations

import datetime as dt
import re

NBSP = "\u00a0"


def fi_date(value: dt.date | None) -> str:
    """1.4.2025 (no leading zeros), or '' for no date."""
    return f"{value.day}.{value.month}.{value.year}" if value else ""


def fi_time(value: dt.time | None) -> str:
    """9.00, 13.30 (Finnish clock time), or '' for no time."""
    return f"{value.hour}.{value.minute:02d}" if value else ""


def fi_number(value: float | int | None, decimals: int | None = None) -> str:
    """1 234,5 with a no-break space for thousands and a decimal comma; whole numbers without decimals."""
    if value is None:
        return ""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else (1 if round(value, 1) == round(value, 2) else 2)
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",")


def quantity(value: float | int | None, unit: str = "") -> str:
    """'25 min' with a no-break space before the unit (Finnish typography); '' for no value."""
    if value is None:
        return ""
    unit = one_line(unit)
    return f"{fi_number(value)}{NBSP}{unit}" if unit else fi_number(value)


def one_line(text: object) -> str:
    """TEXT on one line: every run of whitespace (line breaks, tabs, no-break spaces) one space, none at the ends;
    '' for None. The one whitespace collapser (pipeline/words.py re-exports it)."""
    return " ".join(str(text).split()) if text is not None else ""


def fi_month(value: dt.date, months: list[str]) -> str:
    """'huhtikuu 2025' given the month names from the catalogue."""
    return f"{months[value.month - 1]} {value.year}"


def shown_words(text: str) -> str:
    """TEXT as its reader sees the words: soft hyphens gone, every run of white space one space (a heading as
    LibreOffice lays it out compared with the heading stored)."""
    return " ".join(text.replace("\u00ad", "").split())


_DATE_TEXT = re.compile(r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{2}|\d{4})$")
_ISO_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")


class DateTextError(ValueError):
    """A text that is not a date: `code` names the catalogue's message (date.format, date.invalid)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def date_from_text(text: str) -> dt.date:
    """A date typed as text (p.k.vvvv, p.k.vv, vvvv-kk-pp), read as a date cell reads it; DateTextError if none."""
    text = text.strip()
    match = _DATE_TEXT.match(text)
    iso = _ISO_TEXT.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        year += 2000 if year < 100 else 0
    elif iso:
        year, month, day = (int(g) for g in iso.groups())
    else:
        raise DateTextError("date.format")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateTextError("date.invalid") from None

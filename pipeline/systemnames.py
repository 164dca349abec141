"""Matching the lines' system names against the canonical list (templates/data/systems.toml).

The lines type their systems by hand: "Omaolo", "omaolo ", "OMAOLO-palvelu", "DF/Omaperhe". The county workbook
and the validator need one name per system, so names are compared by a match key that ignores case, spacing and
punctuation, against every canonical name and alias. A name that matches nothing keeps its own key, so
"Foo " and "foo" still meet under one spelling.
"""
from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Iterable

from pipeline.formatting import one_line
from pipeline.reference import KnownSystem, Reference

SUGGEST_RATIO = 0.8


def match_key(name: str) -> str:
    """NAME folded for comparison: Unicode-normalised, case-folded, only letters and digits kept."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    return "".join(ch for ch in text if ch.isalnum())


def tidy_name(name: str) -> str:
    """NAME as a user would write it cleanly: surrounding space removed, inner runs of space made one."""
    return one_line(name or "")


_KNOWN: dict[int, tuple[object, dict[str, str]]] = {}     # id(reference.systems) → (that list, its keys)


def _known_keys(reference: Reference) -> dict[str, str]:
    """Match key → canonical name, for every canonical name and alias (first entry wins on a clash); made once per
    list of systems (a county workbook asks for every system of every line)."""
    found = _KNOWN.get(id(reference.systems))
    if found is not None and found[0] is reference.systems:
        return found[1]
    keys = _make_known_keys(reference)
    _KNOWN[id(reference.systems)] = (reference.systems, keys)
    return keys


def _make_known_keys(reference: Reference) -> dict[str, str]:
    keys: dict[str, str] = {}
    for system in reference.systems:
        for spelling in (*system.texts("name"), *system.aliases):
            key = match_key(spelling)
            if key:
                keys.setdefault(key, system.name)
    return keys


def canonical_system(name: str, reference: Reference) -> str | None:
    """The canonical name of the system NAME denotes (by name or alias), or None if it is not a known one."""
    key = match_key(name)
    return _known_keys(reference).get(key) if key else None


def known_system(name: str, reference: Reference) -> KnownSystem | None:
    """The reference record of the system NAME denotes (by its name in any language or an alias)."""
    canonical = canonical_system(name, reference)
    return next((s for s in reference.systems if s.name == canonical), None) if canonical else None


def suggest_system(name: str, reference: Reference) -> str | None:
    """A known system whose name or alias is close to NAME (difflib ratio ≥ 0.8), for a name that is not known
    itself; None when NAME is known, empty or nothing is close enough."""
    key = match_key(name)
    known = _known_keys(reference)
    if not key or key in known:
        return None
    best_ratio, best_name = 0.0, None
    for candidate in sorted(known):
        ratio = difflib.SequenceMatcher(None, key, candidate).ratio()
        if ratio > best_ratio:
            best_ratio, best_name = ratio, known[candidate]
    return best_name if best_ratio >= SUGGEST_RATIO else None


def system_group(name: str, reference: Reference) -> str:
    """The key under which NAME is grouped across lines: the canonical name's key for a known system, the
    name's own match key otherwise ("Foo " and "foo" → "foo")."""
    canonical = canonical_system(name, reference)
    return match_key(canonical) if canonical else match_key(name)


def display_name(spellings: Iterable[str], reference: Reference) -> str:
    """The name shown for a group of SPELLINGS: the canonical name if known, else the most used tidy
    spelling (ties broken alphabetically, so the choice does not depend on input order)."""
    tidy = [tidy_name(s) for s in spellings if tidy_name(s)]
    for spelling in tidy:
        canonical = canonical_system(spelling, reference)
        if canonical:
            return canonical
    if not tidy:
        return ""
    counts = Counter(tidy)
    return min(counts, key=lambda s: (-counts[s], s))


def line_display_name(name: str, reference: Reference) -> str:
    """The name a line's system is shown under: the reference name in the run's language, with the line's own
    name in brackets where it differs ("Apotti-asiointi (Maisa)"); an unknown system keeps the line's tidy name."""
    own = tidy_name(name)
    canonical = canonical_system(own, reference)
    if not canonical:
        return own
    return f"{canonical} ({own})" if match_key(own) != match_key(canonical) else canonical

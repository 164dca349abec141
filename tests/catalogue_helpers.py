"""Reading the catalogues' texts in the tests: every text with its key, the texts users see, plurals and the names
a text is filled with. Shared by the language tests (test_languages, test_finnish, test_swedish, test_typography,
test_wording)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pipeline.catalog import _PLURAL_START, _branches

PLURAL = re.compile(r"\{\s*(\w+)\s*,\s*plural\s*,")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def texts(tree: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """Every text of the catalogue with its dotted key."""
    if isinstance(tree, dict):
        for name, value in tree.items():
            yield from texts(value, f"{key}.{name}" if key else name)
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from texts(value, f"{key}[{index}]")
    elif isinstance(tree, str):
        yield key, tree


def user_texts(labels) -> list[tuple[str, str]]:
    """The texts users see: click's own words by their Finnish values, without the glossary (a reference), the
    intake's old headers (`aliases`) and the enums' earlier names, which are kept so old workbooks still read."""
    return [(key, text) for key, text in texts(labels._tree)
            if not key.startswith(("glossary.", "enums.earlier.")) and ".aliases[" not in key]


def without_plurals(text: str) -> str:
    """TEXT with every plural replaced by '#' (a plural reads right by itself)."""
    while match := PLURAL.search(text):
        depth, at = 1, match.end()
        while depth and at < len(text):
            depth += {"{": 1, "}": -1}.get(text[at], 0)
            at += 1
        text = text[:match.start()] + "#" + text[at:]
    return text


def branches(text: str) -> list[tuple[str, set[str]]]:
    """Each plural of TEXT: its selector and the categories of its branches."""
    found = []
    for match in PLURAL.finditer(text):
        depth, at, categories, word = 1, match.end(), set(), ""
        while depth and at < len(text):
            char = text[at]
            if char == "{":
                if depth == 1:
                    categories.add(word.strip())
                    word = ""
                depth += 1
            elif char == "}":
                depth -= 1
            elif depth == 1:
                word += char
            at += 1
        found.append((match.group(1), categories))
    return found


def variables(text: Any) -> set[str]:
    """The names a text is filled with: its placeholders and plural selectors (a plural's branches are text)."""
    text = str(text)
    found = set()
    while match := _PLURAL_START.search(text):
        found.add(match.group(1))
        parts, end = _branches(text, match.end())
        text = text[:match.start()] + " ".join(parts.values()) + text[end:]
    return found | set(re.findall(r"\{(\w+)\}", text)) | set(re.findall(r"\{\s*(\w+)\s*,\s*spellout\b", text))


def glossary(labels) -> dict[str, dict]:
    return labels.node("glossary")


def phrase(text: str) -> re.Pattern:
    """TEXT as a whole word or phrase, in any case."""
    return re.compile(rf"(?<![\wåäöÅÄÖ]){re.escape(text)}(?![\wåäöÅÄÖ])", re.IGNORECASE)

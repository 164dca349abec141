"""The placeholders of the blank intake workbook ('N', 'XX', '<palvelulinjan nimi>', a cell holding only '…'):
text left as the template gave it. The validator reports them in a workbook, the workshop kit in its messages."""
from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"(?<![\w\-/.:])(N|NN+|X{2,})(?![\w\-/.:])|<[^<>\n]{1,60}>")
_ELLIPSIS_ONLY = ("…", "...")


def placeholder_in(text: str) -> str:
    """The first placeholder in TEXT ('N', 'XX', '<palvelulinjan nimi>', or a cell holding only '…'), or ''."""
    if text.strip() in _ELLIPSIS_ONLY:
        return text.strip()
    match = _PLACEHOLDER.search(text)
    return match.group(0) if match else ""

"""The opening page's ask bullets in a Word plan, read the same way by every test that counts them."""
from __future__ import annotations

from docx.text.paragraph import Paragraph
from docx_helpers import section_after


def opening_asks(document, heading: str) -> list[str]:
    """The ask bullets under the opening page's HEADING: the list paragraphs right after the asks' intro (the page's
    second paragraph), spaces tidied."""
    paragraphs = [b for b in section_after(document, heading, level=1) if isinstance(b, Paragraph) and b.text.strip()]
    asks = []
    for p in paragraphs[2:]:
        if p.style.name != "List Bullet":
            break
        asks.append(" ".join(p.text.split()))
    return asks

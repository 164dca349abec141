"""The decks' opening slide for their audience (line, area, county): the verdict, the decisions asked of it late
first, net money, the top high risks and the lines that are red or missing (pipeline/render/opening.py's words).
The slide holds the short forms; the notes say every sentence in full, the consequences of the asks included."""
from __future__ import annotations

from pipeline.catalog import Labels
from pipeline.render.deck.specs import Columns, Run, clean
from pipeline.render.opening import OpeningText

SHOWN_ASKS = 2                  # asks on the slide; the rest are on the decisions slide


def opening_slide(text: OpeningText, labels: Labels, decisions_title: str) -> Columns:
    """Two columns: the verdict and the asks; the money, the risks and the lines red or missing."""
    # the verdict, and the lines red or missing as its reason in the same paragraph
    items: list[list[Run]] = [[(clean(text.verdict) + " ", True), (clean(text.lines), False)] if text.lines
                              else [(clean(text.verdict), True)], [(clean(text.asks_intro), False)]]
    items += [[(clean(a), False)] for a in text.asks_short[:SHOWN_ASKS]]
    if len(text.asks_short) > SHOWN_ASKS:
        items.append([(labels.get("overview.opening.asks_more", count=len(text.asks_short) - SHOWN_ASKS,
                                  title=decisions_title), False)])
    other: list[list[Run]] = [[(clean(text.money_short), False)],
                                [(clean(text.risks_intro_short), False)]]
    other += [[(clean(r), False)] for r in text.risks_short]
    notes = " ".join(clean(t) for t in (text.verdict, text.asks_intro, *text.asks, text.money, text.risks_intro,
                                         *text.risks, text.lines) if t)
    headings = [labels.get("overview.opening.column_asks"), labels.get("overview.opening.column_money")]
    return Columns(text.heading, headings, [items, other], notes)

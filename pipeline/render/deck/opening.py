"""The decks' opening slide for their audience (line, area, county): the verdict, the decisions asked of it late
first, net money, the top high risks and the lines that are red or missing (pipeline/render/opening.py's words).
The slide holds the short forms; the notes say every sentence in full, the consequences of the asks included."""
from __future__ import annotations

from pipeline.catalog import Labels
from pipeline.render.deck.specs import Bullets, Run, clean
from pipeline.render.opening import OpeningText

SHOWN_ASKS = 3                  # asks on the slide; the rest are on the decisions slide


def opening_slide(text: OpeningText, labels: Labels, decisions_title: str) -> Bullets:
    items: list[list[Run]] = [[(clean(text.verdict), True)], [(clean(text.asks_intro), False)]]
    items += [[(clean(a), False)] for a in text.asks_short[:SHOWN_ASKS]]
    if len(text.asks_short) > SHOWN_ASKS:
        items.append([(labels.get("overview.opening.asks_more", count=len(text.asks_short) - SHOWN_ASKS,
                                  title=decisions_title), False)])
    items.append([(clean(text.money), False)])
    items.append([(clean(text.risks_intro), False)])
    items += [[(clean(r), False)] for r in text.risks_short]
    if text.lines:
        items.append([(clean(text.lines), False)])
    notes = " ".join(clean(t) for t in (text.verdict, text.asks_intro, *text.asks, text.money, text.risks_intro,
                                         *text.risks, text.lines) if t)
    return Bullets(text.heading, items, notes)

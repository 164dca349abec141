"""The decks' slide "Mitä on muuttunut edellisestä": a line's changes, or an area's or the county's (the three most
important first, then each line's), from the build's comparison in the render context. No comparison: no slide; a
first version (no earlier build) says so in the opening slide's notes rather than on a slide of one sentence."""
from __future__ import annotations

from pipeline.render.changes_text import ChangeText
from pipeline.render.context import RenderContext
from pipeline.render.deck.specs import Bullets, Run

MAX_ITEMS = 7                      # the slide lists at most this many changes; the plan lists them all


def changes_slide(ctx: RenderContext, line: str | None = None, area: str | None = None) -> Bullets | None:
    """The slide of one line's deck (LINE: its code), an area's (AREA: its code) or the county's (neither)."""
    if ctx.changes is None:
        return None
    words, comparison = ChangeText(ctx.labels), ctx.changes
    title = words.deck_title(comparison)
    intro = words.intro(comparison, combined=line is None)
    if comparison.first:
        return None
    if line is not None:
        found = comparison.line(line)
        texts = (words.line_sentences(found) if found else []) or [words("none")]
        items: list[list[Run]] = [[(text, False)] for text in texts]
    else:
        scope = comparison if area is None else comparison.in_area(area)
        top = scope.top(3)
        rest = [(x, c) for x in scope.lines for c in x.changes if (x, c) not in top]
        items = [[(words.with_line(x, c), True)] for x, c in top]
        items += [[(words.with_line(x, c), False)] for x, c in rest]
        texts = [words.with_line(x, c) for x, c in top + rest]
        if not items:
            items = [[(words("none"), False)]]
            texts = [words("none")]
    shown, left = items[:MAX_ITEMS], len(items) - MAX_ITEMS
    more = words("deck.more", count=left) if left > 0 else ""
    return Bullets(title, shown + ([[(more, False)]] if more else []),
                   words("deck.notes", intro=intro, changes=" ".join(texts)), more=words("deck.more_cut"))


def with_changes_slide(specs: list, ctx: RenderContext, line: str | None = None, area: str | None = None) -> list:
    """SPECS with the changes slide (see changes_slide) after the opening pair (title and status)."""
    if ctx.changes is not None and ctx.changes.first and len(specs) > 1:
        opening, said = specs[1], ChangeText(ctx.labels).intro(ctx.changes, combined=line is None)
        opening.notes = " ".join(text for text in (opening.notes, said) if text)
        return specs
    slide = changes_slide(ctx, line=line, area=area)
    return specs if slide is None else [*specs[:2], slide, *specs[2:]]

"""The words for decisions asked at other levels and decisions already settled (the facts: view/decisions.py),
shared by the Word plans and the decks so that both say the same."""
from __future__ import annotations

from pipeline.catalog import Labels
from pipeline.schema import Decision
from pipeline.view.decisions import Elsewhere, settled
from pipeline.words import Words


def elsewhere_text(found: list[Elsewhere], labels: Labels) -> str:
    """'Muilla tasoilla päätöstä odottaa 3 asiaa palvelulinjojen johdolla, 2 asiaa …' ('' when none)."""
    if not found:
        return ""
    levels = labels.node("common.asked.levels")
    items = [labels.get("common.asked.item_late" if e.late else "common.asked.item", count=e.count, late=e.late,
                        where=levels[e.level.value]) for e in found]
    return labels.get("common.asked.elsewhere", items=Words(labels).join(items))


def outcomes_text(outcomes: list[Decision], labels: Labels) -> str:
    """'Jo ratkaistu: päätetty 2, hylätty 1.' — a kind none of which is settled left unsaid ('' when nothing is)."""
    decided, rejected = settled(outcomes)
    items = [labels.get(f"common.asked.outcome_{kind}", count=count)
             for kind, count in (("decided", decided), ("rejected", rejected)) if count]
    return labels.get("common.asked.outcomes", items=Words(labels).join(items)) if items else ""

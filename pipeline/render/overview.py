"""Wording shared by the combined Word plans and decks for a reader at a glance."""
from __future__ import annotations

from pipeline.catalog import Labels
from pipeline.view.scope import Scope


def schedule_words(scope: Scope, labels: Labels) -> str:
    """The lines by their schedule light in an executive's words (aikataulussa / riskissä / myöhässä) and those
    without a valid plan, a zero left unsaid: "aikataulussa 2 · riskissä 10 · myöhässä 3"."""
    words = labels.node("overview.talk.combined.headline_words")
    return " · ".join(words[key].format(count=count) for key, count in scope.schedule_counts.items() if count)

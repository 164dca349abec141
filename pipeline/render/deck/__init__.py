"""The PowerPoint decks."""

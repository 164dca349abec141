"""The PowerPoint decks."""
from pipeline.render import oxml

oxml.install()

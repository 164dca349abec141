"""The Word plans."""
from pipeline.render import oxml

oxml.install()

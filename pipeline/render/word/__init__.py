"""The Word plans."""

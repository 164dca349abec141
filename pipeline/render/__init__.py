"""Renderers: pure functions from validated line plans to Office documents (bytes)."""

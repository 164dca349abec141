"""The plan views shared by every renderer."""

"""Reading, validating and writing intake workbooks."""

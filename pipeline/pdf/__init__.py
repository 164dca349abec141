"""PDF copies of the deliverables through LibreOffice (one process per build), and page numbers for the Word plans."""

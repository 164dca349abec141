"""PDF copies of the deliverables through LibreOffice (one per worker), and page numbers for the Word plans."""

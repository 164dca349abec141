"""PDF copies of the deliverables through LibreOffice (one LibreOffice per worker), and page numbers for the Word plans."""

"""digiplan: intake workbooks → validated line plans → Word plans, PowerPoint decks and the county workbook."""
__version__ = "0.1.0"

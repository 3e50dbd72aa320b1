"""Extraction: from a page's text to an ``Extraction``. Pure: no database access.

Placeholder (first line as title) until the real extractors land; the signature is the contract.
"""

from articles.importer.records import Extraction, Knowledge


def extract_page(text: str, knowledge: Knowledge) -> Extraction:
    """Everything extraction finds in the (normalised) text of one page."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return Extraction(title=lines[0] if lines else "", body="\n\n".join(lines[1:]))

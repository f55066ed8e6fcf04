"""Checks shared by the citation tests of a throwaway build and of the real guide."""

from __future__ import annotations

from typing import Any


def assert_reference_entry_links(entry: Any, work: Any) -> None:
    """A reference-list entry links its DOI and PMID and carries the work's BibTeX."""
    hrefs = {a["href"] for a in entry.find_all("a")}
    if doi := work.get("doi"):
        assert f"https://doi.org/{doi}" in hrefs
    if pmid := work.get("pmid"):
        assert f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" in hrefs
    assert entry.select_one("details.bibtex pre code").get_text() == work.bibtex

"""Citations: a BibTeX file in, a citation style out (APA 7 author-date by default).

Layers, as in pybtex:

- ``bibfile`` parses (``bibcache`` keeps the parse in build/ between builds); ``works`` is the
  parsed data;
- a ``style`` (style.py: the interface; the modules of styles/, one file a style, found by
  name: apa.py, vancouver.py) writes names, labels, the order of a bibliography and each
  reference, as rich text; ``library`` holds a bib's works and every work's forms in one
  style (``formcache`` keeps them in build/, ``fingerprint`` keys the caches by the whole
  package's code);
- ``intext`` is the in-text rules (prefix groups, ordering and merging, locators), as pure
  functions any output can share;
- ``render`` is the HTML backend; ``pandoc`` reads the ``[@key]`` syntax; ``page`` turns a
  page's citations into HTML once the page is complete.

The plugin (evidence/plugin.py, evidence/build.py) wires it to MkDocs. ``Library.load(path)`` works
in any Python, outside a build too.
"""

from .library import Formatted, Library

__all__ = ["DEFAULT_BIB", "REFERENCES_PAGE", "Formatted", "Library"]

DEFAULT_BIB = "references.bib"  # the plugin's ``bibliography`` setting unless mkdocs.yml says otherwise
REFERENCES_PAGE = "references.md"  # the plugin's ``references_page``: the whole bibliography

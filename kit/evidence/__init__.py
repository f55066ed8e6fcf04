"""evidence: an MkDocs plugin for evidence sites.

Citations from a BibTeX file in a citation style (APA 7 and Vancouver; a style is one module),
accessible SVG figures (a bar chart from a ```figure block), and finished HTML put into pages
after Markdown and search. ``plugins: [search, evidence]`` is enough; with mkdocs-macros also
listed, the kit's macros join the site's own. See kit/README.md.

- plugin.py: the plugin (MkDocs' events only); config.py: its settings; build.py: one build's state;
- macros.py: the kit's macros for mkdocs-macros; api.py: what a site's own macros use of the kit;
- citations/, figures/, pages/: the work itself; errors.py: the build's errors.
"""

__version__ = "0.1.0"

"""What the plugin does to every page: the stash (finished HTML after Markdown and search), search's
lighter form of it, fenced code, compiled page templates, and the files kept in ``build/``."""

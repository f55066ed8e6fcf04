"""The one exception a benchmark section raises when a piece of the guide is missing."""

from __future__ import annotations


class NotAvailable(Exception):
    """A figure cannot be measured yet; the message says what is missing and where."""

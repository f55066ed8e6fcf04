"""Fenced code blocks in Markdown: the parts of a page no macro output may touch."""

from __future__ import annotations

import re
from collections.abc import Iterator

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def split_fenced(text: str) -> Iterator[tuple[bool, str]]:
    """Yield (is_code, chunk): fenced code blocks apart from the rest."""
    if "```" not in text and "~~~" not in text:  # most pages: no fence, no need to read line by line
        if text:
            yield False, text
        return
    chunk: list[str] = []
    fence = ""
    for line in text.splitlines(keepends=True):
        match = _FENCE.match(line)
        if not fence and match:
            if chunk:
                yield False, "".join(chunk)
            chunk, fence = [line], match.group(1)
        elif fence and match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                and not line[match.end():].strip():
            chunk.append(line)
            yield True, "".join(chunk)
            chunk, fence = [], ""
        else:
            chunk.append(line)
    if chunk:
        yield bool(fence), "".join(chunk)

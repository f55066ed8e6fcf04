"""Names: how authors and editors are written, in the text and in a reference (pybtex's ``names``)."""

from __future__ import annotations

from collections.abc import Sequence

from .works import Name, Work

APA_MAX_LISTED = 20  # APA 9.8: up to 20 names, then an ellipsis and the last
VANCOUVER_MAX_LISTED = 6  # ICMJE/NLM: six names, then "et al."


def named(names: Sequence[Name]) -> list[Name]:
    """The names written out (without BibTeX's 'and others')."""
    return [n for n in names if not n.others]


def has_others(names: Sequence[Name]) -> bool:
    return any(n.others for n in names)


# ---------------------------------------------------------------- APA


def apa_inverted(name: Name) -> str:
    """'Surname, I. I.' (a group author has no initials: 'National Institute ...')."""
    return f"{name.surname}, {name.initials}" if name.initials else name.surname


def apa_direct(name: Name) -> str:
    """'I. I. Surname', as editors are named after 'In' (APA 10.3)."""
    return f"{name.initials} {name.surname}" if name.initials else name.surname


def apa_reference_list(names: Sequence[Name]) -> str:
    """'Surname, I. I., Other, I., & Last, I.': up to 20 names (APA 9.8)."""
    written = [apa_inverted(n) for n in named(names)]
    if has_others(names):
        return ", ".join(written) + ", et al."
    if len(written) == 1:
        return written[0]
    if len(written) == 2:
        return f"{written[0]}, & {written[1]}"
    if len(written) > APA_MAX_LISTED:
        return ", ".join(written[: APA_MAX_LISTED - 1]) + ", . . . " + written[-1]
    return ", ".join(written[:-1]) + ", & " + written[-1]


def apa_direct_list(names: Sequence[Name]) -> str:
    """'A. Editor', 'A. Editor & B. Editor', 'A. Editor, B. Editor, & C. Editor' (editors after 'In')."""
    written = [apa_direct(n) for n in named(names)]
    if has_others(names):
        return ", ".join(written) + ", et al."
    if len(written) <= 2:
        return " & ".join(written)
    return ", ".join(written[:-1]) + ", & " + written[-1]


def editor_label(names: Sequence[Name]) -> str:
    return "Ed." if len(names) == 1 else "Eds."


def is_et_al(work: Work) -> bool:
    """APA 8.17: three or more authors (or any 'and others') are cited as 'First et al.'."""
    written = named(work.creators)
    return len(written) >= 3 or (has_others(work.creators) and bool(written))


def apa_in_text(work: Work, narrative: bool, shown: int = 1) -> str:
    """APA 7 in-text authors: 'A', 'A & B' ('A and B' in running text), 'A et al.'.

    ``shown`` > 1 names more authors before 'et al.' where two works would otherwise
    read alike (see labels.names_to_show).
    """
    surnames = [n.surname for n in named(work.creators)]
    joiner = " and " if narrative else " & "
    if is_et_al(work):
        if shown >= len(surnames) and not has_others(work.creators):
            return ", ".join(surnames[:-1]) + "," + joiner + surnames[-1]
        return ", ".join([*surnames[:shown], "et al."]) if shown > 1 else f"{surnames[0]} et al."
    if len(surnames) == 2:
        return surnames[0] + joiner + surnames[1]
    return surnames[0]


# ---------------------------------------------------------------- Vancouver


def vancouver_name(name: Name) -> str:
    """'Magee DJ': surname, then initials without stops or spaces (NLM)."""
    initials = "".join(c for c in name.initials if c.isalpha() or c == "-")
    return f"{name.surname} {initials}" if initials else name.surname


def vancouver_list(names: Sequence[Name]) -> str:
    """'Fuentes J, Armijo-Olivo S, ..., et al.': six names, then 'et al.' (ICMJE)."""
    written = [vancouver_name(n) for n in named(names)]
    if len(written) > VANCOUVER_MAX_LISTED or has_others(names):
        return ", ".join(written[:VANCOUVER_MAX_LISTED]) + ", et al."
    return ", ".join(written)

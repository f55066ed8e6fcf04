"""The package's one error type: bad input, with every problem found.

Every public entry point (``classify``, ``build_plan``, the ``from_dict``
functions, the CLI and the JSON API) reports bad input by raising
:class:`AllianceInputError` (a ``ValueError``) and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input.

    ``field`` is a question id, a plan field id or a JSON path such as
    ``answers.presence``; ``message`` is a sentence a clinician can act on, in the
    words of the form (no internal id). ``ids``, if any, names the ids that would be
    valid there ("the option ids are ..."): what someone writing JSON by hand needs
    (the CLI, the API), and what the browser never shows (``to_dict(plain=True)``).
    """

    field: str
    message: str
    ids: str = ""

    @property
    def full(self) -> str:
        """The message with the valid ids, in brackets before its full stop."""
        if not self.ids:
            return self.message
        sentence = self.message[:-1] if self.message.endswith(".") else self.message
        return f"{sentence} ({self.ids})."

    def to_dict(self, plain: bool = False) -> dict[str, str]:
        return {"field": self.field, "message": self.message if plain else self.full}


class AllianceInputError(ValueError):
    """The input cannot be used; ``problems`` lists every problem found.

    When the input was written for an earlier version and could be read only in part, ``partial``
    holds what was carried over (to fill a form with) and ``notes`` says what changed.
    """

    problems: list[Problem]
    partial: dict[str, object] | None = None
    notes: tuple[str, ...] = ()

    def __init__(self, problems: Iterable[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems) or [Problem("", "The input is not valid.")]
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """All problems, one per line (the first line alone if there is only one)."""
        return "\n".join(problem.full for problem in self.problems)

    def to_dict(self, plain: bool = False) -> dict[str, object]:
        """As JSON; ``plain``: in the words of the form only, without the valid ids (for the browser)."""
        return {
            "type": type(self).__name__,
            "message": "\n".join(problem.message for problem in self.problems) if plain else self.message,
            "problems": [problem.to_dict(plain) for problem in self.problems],
        }


class RuleError(ValueError):
    """A rule table that cannot be right (raised when the package is imported); names the rule."""

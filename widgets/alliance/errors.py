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
    ``answers.presence``; ``message`` is a sentence a clinician can act on.
    """

    field: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


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
        return "\n".join(problem.message for problem in self.problems)

    def to_dict(self) -> dict[str, object]:
        return {
            "type": type(self).__name__,
            "message": self.message,
            "problems": [problem.to_dict() for problem in self.problems],
        }


class RuleError(ValueError):
    """A rule table that cannot be right (raised when the package is imported); names the rule."""

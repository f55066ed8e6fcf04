"""The one model of the therapeutic alliance in low back pain.

Everything else is a view of this module: the SVG figures (``macros/figures``),
the classifier's questions and rules, the plan builder and the pages. Every
element has a stable ``id`` (used as ``data-id`` in the SVG, in questions,
results and plans) and the citation keys (``references.bib``) that support it.

Sources:
- The four levels and what separates them: Holopainen et al. (2018). Each
  level's ``summary`` is what the paper says; its ``reading`` is this guide's
  reading or, for level 4, the source article's (Macphail, 2018a), marked as
  such. The step from level 3 to 4 is the source article's reading, not
  checked against the paper's own wording, and is marked as such.
- The layered pyramid: the source article's reading of Holopainen et al.
- The iterative cycle: the MSc interviews (Macphail, 2018b), in five steps that
  are this guide's reconstruction of the source article's account
  (``CYCLE_RECONSTRUCTION``).
"""

from __future__ import annotations

from dataclasses import dataclass

# The works the package cites (keys of references.bib). Rules cite them by these
# names; a key outside SOURCES is an error at import, naming the rule.
HOLOPAINEN = "holopainen2018nonencounters"
ARTICLE = "macphail2018therapeutic"
MSC = "macphail2018why"
FUENTES = "fuentes2014enhanced"
STENNER = "stenner2018matters"
TRAEGER = "traeger2019effect"
FERREIRA = "ferreira2013therapeutic"
MICIAK = "miciak2018necessary"
BRINJIKJI = "brinjikji2015systematic"
NICE = "nice2016low"
HILL = "hill2011comparison"
ROLAND = "roland1983study"
SOURCES: frozenset[str] = frozenset({HOLOPAINEN, ARTICLE, MSC, FUENTES, STENNER, TRAEGER, FERREIRA, MICIAK,
                                     BRINJIKJI, NICE, HILL, ROLAND})

# The numbers each work gives (checked in /work/shared/sources/references-facts.md, or quoted by the
# source article). A rule text that cites works may use only their numbers: a number the guide chose
# (a session's first minutes, a count of items) is the guide's own advice and carries no citation.
SOURCED_NUMBERS: dict[str, frozenset[str]] = {
    FUENTES: frozenset({"10", "5", "117", "4", "30", "1.83", "1.03", "3.13", "2.22"}),
    BRINJIKJI: frozenset({"20", "80", "37", "96", "30", "84", "29", "43", "19", "33", "3,110"}),
    ARTICLE: frozenset({"80"}),  # "the spine of an 80 year old", quoted by the article
    ROLAND: frozenset({"24", "0"}),  # the RMDQ: 24 items, scored 0 to 24
    HILL: frozenset({"851", "1.81", "1.06"}),
}


GUIDE = "guide"  # a reading that is this guide's own
SOURCE_ARTICLE = "article"  # a reading that is the source article's


@dataclass(frozen=True)
class Level:
    """One of Holopainen et al.'s four categories of encounter.

    ``summary`` is what the paper says (``cite``); ``reading`` says more about the level in clinical
    terms and is not the paper's: it is this guide's reading (``reading_by == GUIDE``) or the source
    article's (``SOURCE_ARTICLE``, cited by ``reading_cite``).
    """

    id: str
    number: int
    name: str
    summary: str
    cite: tuple[str, ...]
    reading: str
    reading_by: str
    reading_cite: tuple[str, ...] = ()

    @property
    def ordinal(self) -> str:
        return ("first", "second", "third", "fourth")[self.number - 1]

    def reading_words(self) -> str:
        """The reading, introduced by whose reading it is."""
        who = "this guide's reading" if self.reading_by == GUIDE else "the source article's reading"
        return f"In {who}, {self.reading}"


@dataclass(frozen=True)
class Criterion:
    """Something that must be present to move up from one level to the next."""

    id: str
    label: str
    description: str


@dataclass(frozen=True)
class Transition:
    """The step from ``source`` to ``target`` and what distinguishes it."""

    id: str
    source: str
    target: str
    criteria: tuple[Criterion, ...]
    cite: tuple[str, ...]
    checked: bool  # False: the source article's reading, not the paper's checked wording


@dataclass(frozen=True)
class PyramidLayer:
    """A layer of the pyramid, bottom (foundation) first."""

    id: str
    name: str
    summary: str
    level: str | None  # the level this layer corresponds to, if any
    cite: tuple[str, ...]


@dataclass(frozen=True)
class UnhealthyAutonomy:
    """A way autonomy goes wrong, set against the pyramid's positive autonomy."""

    id: str
    name: str
    summary: str
    cite: tuple[str, ...]


@dataclass(frozen=True)
class Flag:
    """A caution the classifier can raise: it never changes the level, it qualifies it."""

    id: str
    title: str
    summary: str
    cite: tuple[str, ...]


@dataclass(frozen=True)
class CycleStep:
    """A step of the iterative cycle clinicians described (Macphail, 2018b)."""

    id: str
    number: int
    name: str
    summary: str
    aspects: tuple[str, ...]
    cite: tuple[str, ...]


LEVELS: tuple[Level, ...] = (
    Level(
        id="non-encounter",
        number=1,
        name="Non-encounters",
        summary="The very negative, disempowering end of the range of encounters with care.",
        cite=(HOLOPAINEN,),
        reading=(
            "the patient does not feel met by the professional and does not yet understand their back pain "
            "(what the first step up adds)."
        ),
        reading_by=GUIDE,
    ),
    Level(
        id="seeking-support",
        number=2,
        name="Seeking support",
        summary="The professional is present and the patient starts to understand their back pain.",
        cite=(HOLOPAINEN,),
        reading="the patient still looks to others, the clinician above all, for answers.",
        reading_by=GUIDE,
    ),
    Level(
        id="empowering-collaboration",
        number=3,
        name="Empowering collaboration",
        summary="A strong therapeutic alliance and the patient's active participation.",
        cite=(HOLOPAINEN,),
        reading="the patient takes part in the assessment, the decisions and the treatment.",
        reading_by=GUIDE,
    ),
    Level(
        id="autonomic-agency",
        number=4,
        name="Autonomic agency",
        summary="The empowering, life-changing end of the range of encounters with care.",
        cite=(HOLOPAINEN,),
        reading=(
            "the patient is in charge of managing their back and takes responsibility for it, knowing help "
            "is there if they need it."
        ),
        reading_by=SOURCE_ARTICLE,
        reading_cite=(ARTICLE,),
    ),
)

TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        id="non-encounter-to-seeking-support",
        source="non-encounter",
        target="seeking-support",
        criteria=(
            Criterion(
                "clinician-present",
                "The clinician is present",
                "The patient experiences the professional as attentive and listening.",
            ),
            Criterion(
                "patient-understanding",
                "The patient starts to understand their LBP",
                "The patient begins to make sense of their condition, prognosis and options.",
            ),
        ),
        cite=(HOLOPAINEN,),
        checked=True,
    ),
    Transition(
        id="seeking-support-to-empowering-collaboration",
        source="seeking-support",
        target="empowering-collaboration",
        criteria=(
            Criterion(
                "strong-alliance",
                "A strong therapeutic alliance",
                "Trust and a bond, and agreement on the goals and tasks of care.",
            ),
            Criterion(
                "active-participation",
                "The patient participates actively",
                "The patient takes an active part in the assessment and the treatment.",
            ),
        ),
        cite=(HOLOPAINEN,),
        checked=True,
    ),
    Transition(
        id="empowering-collaboration-to-autonomic-agency",
        source="empowering-collaboration",
        target="autonomic-agency",
        criteria=(
            Criterion(
                "patient-in-charge",
                "The patient is in charge",
                "The patient, not the clinician, leads the day-to-day management of their back, and decides "
                "about their care with the clinician rather than leaving the decisions to them.",
            ),
            Criterion(
                "takes-responsibility",
                "The patient takes responsibility",
                "The patient owns their self-management and follows it through.",
            ),
            Criterion(
                "knows-help-available",
                "The patient knows help is available",
                "The patient knows when and where to seek help if they need it.",
            ),
        ),
        cite=(HOLOPAINEN, ARTICLE),
        checked=False,
    ),
)

PYRAMID: tuple[PyramidLayer, ...] = (
    PyramidLayer(
        id="education-foundation",
        name="Education: condition, prognosis, options",
        summary=(
            "The foundation: an evidence-based understanding of the back pain, "
            "what is likely to happen and what can be done."
        ),
        level=None,
        cite=(ARTICLE,),
    ),
    PyramidLayer(
        id="presence-and-understanding",
        name="Presence and understanding",
        summary="The professional is present; the patient starts to understand.",
        level="seeking-support",
        cite=(ARTICLE, HOLOPAINEN),
    ),
    PyramidLayer(
        id="alliance-and-participation",
        name="Alliance and participation",
        summary="A strong alliance; the patient participates actively.",
        level="empowering-collaboration",
        cite=(ARTICLE, HOLOPAINEN),
    ),
    PyramidLayer(
        id="positive-autonomy",
        name="Positive autonomy",
        summary="In charge and responsible, knowing help is available.",
        level="autonomic-agency",
        cite=(ARTICLE, HOLOPAINEN),
    ),
)

UNHEALTHY_AUTONOMY: tuple[UnhealthyAutonomy, ...] = (
    UnhealthyAutonomy(
        id="autonomy-without-foundation",
        name="Autonomy without the foundation",
        summary=(
            "The patient acts on their own (drives their care seeking, refuses "
            "what is offered) without understanding their condition or options: in charge of "
            "their care seeking, but not of their treatment."
        ),
        cite=(ARTICLE,),
    ),
    UnhealthyAutonomy(
        id="autonomy-on-unhelpful-model",
        name="Autonomy built on an unhelpful model",
        summary=(
            "The patient is educated and engaged, but in a model of the back that "
            "is not evidence based (for example fear-driven bracing)."
        ),
        cite=(ARTICLE,),
    ),
)

CYCLE_RECONSTRUCTION = (
    "The five steps and their order are this guide's reconstruction of the source article's "
    "account of the interviews, not the article's own figure."
)

CYCLE: tuple[CycleStep, ...] = (
    CycleStep(
        id="understand",
        number=1,
        name="Understand the patient",
        summary="The technical picture, and the person's expectations, beliefs and past experience.",
        aspects=(
            "The technical picture: history, examination and clinical reasoning",
            "Expectations, beliefs and past experience of care",
        ),
        cite=(MSC, STENNER),
    ),
    CycleStep(
        id="rapport",
        number=2,
        name="Build rapport",
        summary="Reassurance, the patient's own language, humour where it suits.",
        aspects=(
            "Reassurance",
            "Using the patient's own words",
            "Humour, where it suits the person",
        ),
        cite=(MSC,),
    ),
    CycleStep(
        id="adapt",
        number=3,
        name="Adapt assessment and treatment",
        summary="Fit the assessment and treatment to this person so they take part.",
        aspects=(
            "One or two exercises rather than many, for adherence",
            "Manual therapy where it is expected, alongside an active approach",
            "Explaining why questionnaires are asked",
        ),
        cite=(MSC,),
    ),
    CycleStep(
        id="educate-empower",
        number=4,
        name="Educate and empower",
        summary="Pain is not the same as harm; homework and self-management come first.",
        aspects=(
            "Pain does not equal harm",
            "Homework and self-management as the most important part",
        ),
        cite=(MSC,),
    ),
    CycleStep(
        id="review",
        number=5,
        name="Review",
        summary="Review progress with the patient; clinical audit to win buy-in, then round again.",
        aspects=(
            "Clinical audit of progress to win buy-in for home exercise",
            "Round the cycle again",
        ),
        cite=(MSC,),
    ),
)


FLAGS: tuple[Flag, ...] = (
    Flag(
        id="unhealthy-autonomy",
        title="Unhealthy autonomy",
        summary=(
            "The patient acts on their own without the education foundation: the autonomy "
            "is not the positive autonomy at the top of the pyramid."
        ),
        cite=(ARTICLE, HOLOPAINEN),
    ),
    Flag(
        id="unhelpful-model",
        title="Built on an unhelpful model of the back",
        summary="Collaboration or autonomy is in place, but it rests on beliefs that are not evidence based.",
        cite=(ARTICLE, MSC),
    ),
    Flag(
        id="inconsistent",
        title="Answers that contradict each other",
        summary=(
            "Two answers cannot both describe the same patient: one may need to change. Which answers "
            "contradict each other is this guide's own check, not a source's."
        ),
        cite=(),
    ),
    Flag(
        id="agency-with-yellow-flags",
        title="Agency with yellow flags",
        summary=(
            "The patient leads the management of their back, but shows signs that recovery may be slower "
            "(fear of movement, distress, a low expectation of recovery): in this guide's reading, reviews "
            "stay close rather than being spaced out while they last."
        ),
        cite=(MSC,),
    ),
)


def _index(items: tuple) -> dict:
    return {item.id: item for item in items}


LEVELS_BY_ID: dict[str, Level] = _index(LEVELS)
TRANSITIONS_BY_ID: dict[str, Transition] = _index(TRANSITIONS)
PYRAMID_BY_ID: dict[str, PyramidLayer] = _index(PYRAMID)
UNHEALTHY_BY_ID: dict[str, UnhealthyAutonomy] = _index(UNHEALTHY_AUTONOMY)
CYCLE_BY_ID: dict[str, CycleStep] = _index(CYCLE)
FLAGS_BY_ID: dict[str, Flag] = _index(FLAGS)
CRITERIA_BY_ID: dict[str, Criterion] = {
    criterion.id: criterion for transition in TRANSITIONS for criterion in transition.criteria
}
LEVEL_IDS: tuple[str, ...] = tuple(level.id for level in LEVELS)
CYCLE_IDS: tuple[str, ...] = tuple(step.id for step in CYCLE)


def level(level_id: str) -> Level:
    """The level with this id; ``KeyError`` naming the valid ids otherwise."""
    try:
        return LEVELS_BY_ID[level_id]
    except KeyError:
        raise KeyError(f"unknown level {level_id!r}; valid: {', '.join(LEVEL_IDS)}") from None


def transition_into(level_id: str) -> Transition | None:
    """The transition that leads up into ``level_id`` (None for the first level)."""
    return next((t for t in TRANSITIONS if t.target == level_id), None)


def transition_from(level_id: str) -> Transition | None:
    """The transition that leads up out of ``level_id`` (None for the top level)."""
    return next((t for t in TRANSITIONS if t.source == level_id), None)


def all_citation_keys() -> set[str]:
    """Every citation key the model uses (the bib must hold each)."""
    groups = (LEVELS, TRANSITIONS, PYRAMID, UNHEALTHY_AUTONOMY, CYCLE, FLAGS)
    keys = {key for group in groups for item in group for key in item.cite}
    return keys | {key for level in LEVELS for key in level.reading_cite}


def _check_unique_ids() -> None:
    seen: set[str] = set()
    groups = (LEVELS, TRANSITIONS, PYRAMID, UNHEALTHY_AUTONOMY, CYCLE, FLAGS, tuple(CRITERIA_BY_ID.values()))
    for group in groups:
        for item in group:
            if item.id in seen:
                raise ValueError(f"model id {item.id!r} is used twice")
            seen.add(item.id)
    unknown = sorted(all_citation_keys() - SOURCES)
    if unknown:
        raise ValueError(f"the model cites {', '.join(unknown)}, which SOURCES does not list")


_check_unique_ids()

"""The treatments a patient may say made their back worse: what they are called, and how forceful the
manual ones are. Data for a clinician to review; :mod:`alliance.recognise` reads what was typed with it.

- ``TECHNIQUES``: one entry per option of the plan input "Treatments that made things worse"
  (``bad_experiences``), with the names clinicians and patients use for it (``names``). A name
  ending in ``*`` matches any word that begins so (``manipul*``: manipulation, manipulated); case,
  accents, punctuation, British or American spelling (``-ise``/``-ize``, ``programme``/``program``)
  and dots in abbreviations (``S.T.M.``) do not matter. A typed word one or two letters away from a
  name (``massge``) is an uncertain match.
- ``FORCE``: the manual techniques from the least to the most forceful. With any of them made worse,
  the plan never proposes one further along (no escalation).
- ``MAYBE``: words that may mean any of several techniques (``physio``, ``manual therapy``,
  ``osteopathy``): what they may mean is never proposed, and the plan says it is unsure.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(eq=False, repr=False)
class Technique:
    """A treatment the plan builder knows: its option id, its name in the plan and what it is called."""

    id: str
    name: str
    names: tuple[str, ...]


MASSAGE = "massage"
MOBILISATION = "mobilisation"
MANIPULATION = "spinal-manipulation"
NEEDLING = "needling"
ELECTROTHERAPY = "electrotherapy"
EXERCISE = "exercise-programme"

TECHNIQUES: tuple[Technique, ...] = (
    Technique(
        MANIPULATION,
        "spinal manipulation",
        (
            "manipul*",
            "manip",
            "manips",
            "smt",
            "hvla",
            "high velocity",
            "thrust*",
            "chiropract*",
            "chiro",
            "chiros",
            "adjustment*",
            "spinal adjust*",
        ),
    ),
    Technique(
        MOBILISATION,
        "spinal mobilisation",
        (
            "mobilis*",
            "mob",
            "mobs",
            "maitland",
            "mulligan",
            "snag",
            "snags",
            "mwm",
            "pa pressure*",
            "passive accessory",
            "accessory glide*",
            "joint glide*",
        ),
    ),
    Technique(
        MASSAGE,
        "massage or soft-tissue work",
        (
            "massag*",
            "soft tissue",
            "stm",
            "deep tissue",
            "myofascial*",
            "trigger point*",
            "effleurage",
            "frictions",
            "rubdown",
            "rub down",
        ),
    ),
    Technique(
        NEEDLING,
        "dry needling or acupuncture",
        (
            "needl*",
            "acupunct*",
            "acu",
            "electroacupunct*",
            "ims",
        ),
    ),
    Technique(
        ELECTROTHERAPY,
        "electrotherapy",
        (
            "tens",
            "interferential",
            "ifc",
            "ift",
            "electrotherap*",
            "electro",
            "e stim",
            "estim",
            "electrical stimulation",
            "electric stim*",
            "nmes",
            "ems",
        ),
    ),
    Technique(
        EXERCISE,
        "the exercise programme",
        (
            "exercis*",
            "hep",
            "pilates",
            "core stability",
            "core strength*",
            "core work",
            "stretch*",
            "gym",
            "mckenzie",
            "yoga",
            "workout*",
            "rehab programme*",
        ),
    ),
)

# Manual techniques, least forceful first.
FORCE: tuple[str, ...] = (MASSAGE, MOBILISATION, MANIPULATION)

# The manual techniques the plan may propose when the patient expects hands-on care, in order of
# preference; each only when neither it nor any technique up to it in FORCE made things worse.
HANDS_ON_PREFERENCE: tuple[str, ...] = (MOBILISATION, MASSAGE)

MANUAL: tuple[str, ...] = FORCE
EVERY: tuple[str, ...] = tuple(technique.id for technique in TECHNIQUES)

# Words that may mean any of several techniques: an uncertain match to each.
MAYBE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("manual therapy", MANUAL),
    ("manual", MANUAL),
    ("hands on", MANUAL),
    ("osteopath*", MANUAL),
    ("crack*", (MANIPULATION,)),
    ("adjust*", (MANIPULATION,)),
    ("chiro*", (MOBILISATION,)),  # a chiropractor may have mobilised as well as manipulated
    ("traction", (MOBILISATION,)),
    ("cupping", (MASSAGE,)),
    ("graston", (MASSAGE,)),
    ("iastm", (MASSAGE,)),
    ("foam roll*", (MASSAGE,)),
    ("ultrasound", (ELECTROTHERAPY,)),
    ("laser", (ELECTROTHERAPY,)),
    ("shockwave", (ELECTROTHERAPY,)),
    ("shock wave", (ELECTROTHERAPY,)),
    ("physio*", EVERY),
    ("physical therap*", EVERY),
    ("programme*", (EXERCISE,)),
    ("rehab*", (EXERCISE,)),
    ("walk*", (EXERCISE,)),
    ("swim*", (EXERCISE,)),
)

TECHNIQUES_BY_ID: dict[str, Technique] = {technique.id: technique for technique in TECHNIQUES}

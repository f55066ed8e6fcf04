"""What a clinician types as a treatment that made things worse is read against the known techniques and
their usual names (rules.techniques); uncertain matches are marked as such."""

from __future__ import annotations

from alliance.recognise import recognise, words
from alliance.rules.techniques import FORCE, MAYBE, TECHNIQUES

CERTAIN = {
    "spinal mobilisation": {"mobilisation"},
    "Mobs": {"mobilisation"},
    "mobilization": {"mobilisation"},
    "Maitland mobs!": {"mobilisation"},
    "SNAGs": {"mobilisation"},
    "manip": {"spinal-manipulation"},
    "Manips x2": {"spinal-manipulation"},
    "HVLA thrust": {"spinal-manipulation"},
    "high-velocity thrust": {"spinal-manipulation"},
    "Manipulación": {"spinal-manipulation"},
    "adjustments": {"spinal-manipulation"},
    "S.T.M.": {"massage"},
    "STM": {"massage"},
    "soft-tissue release": {"massage"},
    "deep tissue massage": {"massage"},
    "trigger points": {"massage"},
    "acupuncture/dry needling": {"needling"},
    "needles": {"needling"},
    "TENS": {"electrotherapy"},
    "IFC": {"electrotherapy"},
    "e-stim": {"electrotherapy"},
    "core exercises": {"exercise-programme"},
    "home exercise program": {"exercise-programme"},
    "Pilates class": {"exercise-programme"},
    "Deep-tissue massage & manips": {"massage", "spinal-manipulation"},
}
UNCERTAIN = {
    "massge": {"massage"},
    "manipluation": {"spinal-manipulation"},
    "physio": set(t.id for t in TECHNIQUES),
    "manual therapy": set(FORCE),
    "hands-on treatment": set(FORCE),
    "osteopath": set(FORCE),
    "ultrasound": {"electrotherapy"},
    "cracking my back": {"spinal-manipulation"},
    "walking": {"exercise-programme"},
}
NOTHING = ("heat packs", "hot packs", "tense", "sizes", "taping", "", "bed rest", "injections")


def test_usual_names_abbreviations_spellings_case_and_punctuation_are_certain_matches() -> None:
    for typed, expected in CERTAIN.items():
        found = recognise(typed)
        assert set(found.certain) == expected and not found.uncertain, (typed, found)


def test_near_misses_and_words_that_may_mean_several_are_uncertain_matches() -> None:
    for typed, expected in UNCERTAIN.items():
        found = recognise(typed)
        assert not found.certain and set(found.maybe) == expected, (typed, found)
    chiro = recognise("the chiropractor")
    assert chiro.certain == ("spinal-manipulation",) and chiro.maybe == ("mobilisation",)


def test_unrelated_words_are_not_recognised() -> None:
    for typed in NOTHING:
        assert not recognise(typed).anything, (typed, recognise(typed))


def test_the_table_is_well_formed() -> None:
    names = [name for technique in TECHNIQUES for name in technique.names]
    assert len(names) == len(set(names))
    for name, _ids in MAYBE:
        assert words(name.rstrip("*")), name
    assert words("Mobilizations, PROGRAM") == ["mobilisations", "programme"]

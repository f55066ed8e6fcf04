"""What a clinician types about past treatments is read against the known techniques and their usual names
(rules.techniques): clause by clause, harm apart from help; uncertain matches are marked as such, and
what cannot be read is said."""

from __future__ import annotations

from alliance.recognise import HELP, NOTHING_NAMED, clauses, names_in, recognise, words
from alliance.rules.techniques import FORCE, HANDS_AND_MACHINES, MANUAL, NAMES, OTHER_TREATMENTS

CERTAIN = {
    "spinal mobilisation": {"mobilisation"},
    "Mobs": {"mobilisation"},
    "mobilization": {"mobilisation"},
    "SNAGs": {"mobilisation"},
    "PAIVMs": {"mobilisation"},
    "grade IV PAs": {"mobilisation"},
    "P.A.s on L4": {"mobilisation"},
    "MWMs": {"mobilisation"},
    "manip": {"spinal-manipulation"},
    "Manips x2": {"spinal-manipulation"},
    "HVLA thrust": {"spinal-manipulation"},
    "high-velocity thrust": {"spinal-manipulation"},
    "grade V": {"spinal-manipulation"},
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
    "grade V thrust, then grade IV PAs": {"spinal-manipulation", "mobilisation"},
}
UNCERTAIN = {
    "massge": {"massage"},
    "manipluation": {"spinal-manipulation"},
    "physio": set(HANDS_AND_MACHINES),
    "physios": set(HANDS_AND_MACHINES),
    "manual therapy": set(FORCE),
    "hands-on treatment": set(FORCE),
    "osteopath": set(FORCE),
    "the osteo": set(FORCE),
    "bone setter": set(FORCE),
    "ultrasound": {"electrotherapy"},
    "cracking my back": {"spinal-manipulation", "mobilisation"},
    "she popped my back and it locked up": {"spinal-manipulation", "mobilisation"},
    "walking": {"exercise-programme"},
    "traction": {"mobilisation"},
    "cupping": {"massage"},
}
# Read whole: every word known, and a treatment named.
WHOLE = ("heat packs", "bed rest", "injections", "kinesio taping", "the chiro cracked my neck and lower back",
         "mobs at L4/5 were ok but the SNAGs hurt", "Physio did manual therapy and it flared up for a week")
# Not read whole: a word the tables do not know, or no treatment named.
NOT_WHOLE = {
    "bone setter pushing on my spine and thumping it": ("thumping",),
    "Bowen-ish thingy": ("ish", "thingy"),
    "the treatment made it worse": (NOTHING_NAMED,),
    "she did something to my back": (NOTHING_NAMED,),
    "tense": ("tense",),
    "\u0645\u0633\u0627\u062c": ("\u0645\u0633\u0627\u062c",),  # "massage" in Arabic: not read
    "massage \U0001f44d": ("\U0001f44d",),
}


def test_usual_names_abbreviations_grades_spellings_case_and_punctuation_are_certain_matches() -> None:
    for typed, expected in CERTAIN.items():
        found = recognise(typed)
        assert set(found.certain) == expected and not found.uncertain, (typed, found)


def test_near_misses_and_words_that_may_mean_several_are_uncertain_matches() -> None:
    for typed, expected in UNCERTAIN.items():
        found = recognise(typed)
        assert not found.certain and set(found.maybe) == expected, (typed, found)
    maitland = recognise("Maitland mobs!")  # Maitland's concept has a grade V thrust as well
    assert maitland.certain == ("mobilisation",) and maitland.maybe == ("spinal-manipulation",)
    chiro = recognise("the chiropractor")
    assert chiro.certain == ("spinal-manipulation",) and chiro.maybe == ("mobilisation",)
    low_force = recognise("activator and McTimoney")  # where they sit in the order of force is unclear
    assert low_force.certain == ("spinal-manipulation",) and set(low_force.maybe) == {"massage",
                                                                                      "mobilisation"}


def test_a_word_for_the_practitioner_never_marks_exercise() -> None:
    for typed in ("physios", "the physio", "physical therapist", "Physio did manual therapy"):
        assert "exercise-programme" not in recognise(typed).maybe, typed


def test_a_text_is_read_whole_only_when_every_word_is_known_and_a_treatment_is_named() -> None:
    for typed in WHOLE:
        assert recognise(typed).whole, (typed, recognise(typed))
    for typed, unread in NOT_WHOLE.items():
        found = recognise(typed)
        assert not found.whole and found.unread == unread, (typed, found)
    assert recognise("").whole and not recognise("").anything


def test_what_helped_is_read_apart_from_what_made_things_worse() -> None:
    found = recognise("mobs helped, but the manip made it worse")
    assert found.certain == ("spinal-manipulation",) and found.helped == ("mobilisation",) and found.whole
    # "did not help" is harm, never help; a clause of harm naming nothing makes what helped uncertain
    assert recognise("the mobs didn't help").certain == ("mobilisation",)
    vague = recognise("mobs helped at first but then it got worse")
    assert not vague.certain and vague.maybe == ("mobilisation",) and not vague.helped
    # the same technique said to help and to harm: harm wins
    both = recognise("massage helped, massage made it worse")
    assert both.certain == ("massage",) and not both.helped
    # in the field about what helped, a clause with no word of harm or help is help; harm is still harm
    helped = recognise("massage and walking, but the thrust hurt", about=HELP)
    assert helped.helped == ("massage",) and helped.certain == ("spinal-manipulation",)


def test_clauses_split_at_punctuation_and_at_but_not_inside_abbreviations() -> None:
    assert clauses("mobs helped, but the manip made it worse") == [
        ["mobs", "helped"], ["the", "manip", "made", "it", "worse"]]
    assert clauses("S.T.M. then P.A.s") == [["stm", "then", "pas"]]
    assert clauses("manip. mobs") == [["manip"], ["mobs"]]


def test_names_in_a_plan_s_own_text_whatever_it_says_about_them() -> None:
    assert names_in("Offer a mobilisation with movement, which helped before") == {"mobilisation"}
    assert names_in("Explain that pain is not the same as harm") == set()


def test_the_table_is_well_formed() -> None:
    spellings = [name.spelling for name in NAMES]
    assert len(spellings) == len(set(spellings))
    for name in NAMES:
        assert words(name.spelling.replace("*", "")), name.spelling
        assert name.note and (name.certain or name.maybe), name.spelling
    assert not OTHER_TREATMENTS & set(spellings)
    assert set(MANUAL) == set(FORCE)
    assert words("Mobilizations, PROGRAM") == ["mobilisations", "programme"]

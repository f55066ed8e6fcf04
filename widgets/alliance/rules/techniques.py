"""The treatments a patient may say made their back worse (or helped): what they are called, and how
forceful the manual ones are. Data for a clinician to review; :mod:`alliance.recognise` reads what was
typed with it.

- ``TECHNIQUES``: one entry per option of the plan input "Treatments that made things worse"
  (``bad_experiences``), with its name in the plan.
- ``NAMES``: the names clinicians and patients use, one row each: what the name reads as for certain
  (``certain``), what else it may mean (``maybe``: never proposed either, and the plan says it is
  unsure), what it is (``note``), and whose reading that is (``source``: the guide's, or a work the
  package cites). A name ending in ``*`` matches any word that begins so (``manipul*``: manipulation,
  manipulated); case, accents, punctuation, British or American spelling (``-ise``/``-ize``,
  ``programme``/``program``) and dots in abbreviations (``S.T.M.``) do not matter. A typed word one or
  two letters away from a one-word name (``massge``) is an uncertain match.
- ``FORCE``: the manual techniques from the least to the most forceful. With any of them made worse,
  the plan never proposes one further along (no escalation).
- ``OTHER_TREATMENTS``, ``ORDINARY``, ``HARM_WORDS``, ``HELP_WORDS``, ``NEGATIONS``, ``CLAUSE_BREAKS``:
  the other words the reader knows. A text is read whole only when every word in it is known (a name,
  another treatment, an ordinary word) and it names a treatment: anything else, and the plan proposes
  no hands-on technique until the clinician has checked (``rules.terms.HANDS_ON_OFFERED``).
"""

from __future__ import annotations

from dataclasses import dataclass

from alliance import model

GUIDE = "guide"  # a name's reading that is this guide's own


@dataclass(eq=False, repr=False)
class Technique:
    """A treatment the plan builder knows: its option id and its name in the plan."""

    id: str
    name: str


@dataclass(eq=False, repr=False)
class Name:
    """A name for one or more treatments: what it reads as for certain and what else it may mean, what it
    is, and whose reading that is (``GUIDE`` or a citation key)."""

    spelling: str
    certain: tuple[str, ...]
    maybe: tuple[str, ...] = ()
    note: str = ""
    source: str = GUIDE


MASSAGE = "massage"
MOBILISATION = "mobilisation"
MANIPULATION = "spinal-manipulation"
NEEDLING = "needling"
ELECTROTHERAPY = "electrotherapy"
EXERCISE = "exercise-programme"

TECHNIQUES: tuple[Technique, ...] = (
    Technique(MANIPULATION, "spinal manipulation"),
    Technique(MOBILISATION, "spinal mobilisation"),
    Technique(MASSAGE, "massage or soft-tissue work"),
    Technique(NEEDLING, "dry needling or acupuncture"),
    Technique(ELECTROTHERAPY, "electrotherapy"),
    Technique(EXERCISE, "the exercise programme"),
)

# Manual techniques, least forceful first.
FORCE: tuple[str, ...] = (MASSAGE, MOBILISATION, MANIPULATION)
MANUAL: tuple[str, ...] = FORCE
EVERY: tuple[str, ...] = tuple(technique.id for technique in TECHNIQUES)
# What a physiotherapist may have done, short of exercise (a word for the practitioner names no technique).
HANDS_AND_MACHINES: tuple[str, ...] = (*MANUAL, NEEDLING, ELECTROTHERAPY)

# The manual techniques the plan may propose when the patient expects hands-on care, in order of
# preference (one that helped before comes first); each only when neither it nor any technique up to it
# in FORCE made things worse.
HANDS_ON_PREFERENCE: tuple[str, ...] = (MOBILISATION, MASSAGE)


def _names(certain: tuple[str, ...], note: str, *spellings: str, maybe: tuple[str, ...] = (),
           source: str = GUIDE) -> tuple[Name, ...]:
    return tuple(Name(spelling, certain, maybe, note, source) for spelling in spellings)


NAMES: tuple[Name, ...] = (
    # Spinal manipulation.
    *_names((MANIPULATION,), "a manipulation, as patients and clinicians say it", "manipul*", "manip",
            "manips", source=model.MSC),
    *_names((MANIPULATION,), "spinal manipulative therapy; high-velocity low-amplitude thrust", "smt", "hvla",
            "high velocity", "thrust*"),
    *_names((MANIPULATION,), "Maitland's grade V is a thrust manipulation", "grade* v", "grade* 5"),
    *_names((MANIPULATION,), "a chiropractor's adjustment", "adjustment*", "spinal adjust*"),
    *_names((MANIPULATION,), "a chiropractor, who may have mobilised as well as manipulated", "chiropract*",
            "chiro", "chiros", maybe=(MOBILISATION,)),
    *_names((MANIPULATION,), "chiropractic adjusting techniques of low force: where they sit in the order of "
            "force is unclear, so any manual technique may be the same", "activator*", "mctimoney",
            maybe=(MASSAGE, MOBILISATION)),
    # Spinal mobilisation.
    *_names((MOBILISATION,), "a mobilisation, as patients and clinicians say it", "mobilis*", "mob", "mobs"),
    *_names((MOBILISATION,), "Maitland's concept: graded mobilisations, and a grade V thrust",
            "maitland", maybe=(MANIPULATION,)),
    *_names((MOBILISATION,), "Maitland's grades I to IV are mobilisations", "grade* i", "grade* ii",
            "grade* iii", "grade* iv", "grade* 1", "grade* 2", "grade* 3", "grade* 4"),
    *_names((MOBILISATION,), "Kaltenborn's concept: graded traction and gliding mobilisations, and thrusts",
            "kaltenborn", maybe=(MANIPULATION,)),
    *_names((MOBILISATION,), "Mulligan's concept: sustained natural apophyseal glides, mobilisation with "
            "movement", "mulligan", "snag", "snags", "nag", "nags", "mwm", "mwms"),
    *_names((MOBILISATION,), "passive accessory or physiological intervertebral movements; posteroanterior "
            "(PA) pressures", "paivm*", "ppivm*", "pa", "pas", "pa pressure*", "passive accessory",
            "posteroanterior*", "postero anterior", "accessory glide*", "joint glide*"),
    *_names((), "traction of the spine, by hand or machine: a passive loading like a mobilisation",
            "traction", maybe=(MOBILISATION,)),
    # Massage or soft-tissue work.
    *_names((MASSAGE,), "massage and soft-tissue techniques", "massag*", "soft tissue", "stm", "deep tissue",
            "myofascial*", "trigger point*", "effleurage", "frictions", "rubdown", "rub down",
            "massage gun*"),
    *_names((), "cupping, instrument-assisted soft-tissue work, foam rollers and light-touch therapies: "
            "soft-tissue work of other kinds", "cupping", "graston", "iastm", "foam roll*", "percussion",
            "bowen", "reflexology", "shiatsu", maybe=(MASSAGE,)),
    # Dry needling or acupuncture.
    *_names((NEEDLING,), "dry needling, acupuncture and intramuscular stimulation", "needl*", "dry needl*",
            "acupunct*",
            "acu", "electroacupunct*", "ims"),
    # Electrotherapy.
    *_names((ELECTROTHERAPY,), "electrotherapy: transcutaneous electrical nerve stimulation (TENS), "
            "interferential current and other stimulation", "tens", "interferential", "ifc", "ift",
            "electrotherap*", "electro", "e stim", "estim", "electrical stimulation", "electric stim*",
            "nmes", "ems"),
    *_names((), "other machines physiotherapists may use", "ultrasound", "laser", "shockwave", "shock wave",
            maybe=(ELECTROTHERAPY,)),
    # An exercise programme.
    *_names((EXERCISE,), "an exercise programme, or exercise of a named kind", "exercis*", "hep", "pilates",
            "core stability", "core strength*", "core work", "stretch*", "gym", "yoga", "workout*",
            "rehab programme*", "press up*", "sit up*", "crunches", "deadlift*", "squat*",
            "personal trainer*",
            "reformer"),
    *_names((EXERCISE,), "McKenzie's approach: repeated movements, which it may progress with the "
            "clinician's pressure or a mobilisation", "mckenzie", maybe=(MOBILISATION,)),
    *_names((), "words that may mean an exercise programme", "programme*", "rehab*", "walk*", "swim*",
            "hydrotherap*", "aquatic*", "class", "classes", maybe=(EXERCISE,)),
    # Words that may mean several techniques.
    *_names((), "hands-on treatment of any kind", "manual therapy", "manual", "hands on", maybe=MANUAL),
    *_names((), "an osteopath or a bone setter, who may have used any manual technique", "osteo", "osteos",
            "osteopath*", "bone setter*", "bonesetter*", maybe=MANUAL),
    *_names((), "a sound the patient heard from the joint, most often with a thrust, sometimes with a "
            "mobilisation", "pop", "popped", "popping", "pops", "crack*", "click", "clicked", "clicking",
            "clicks", "adjust*", maybe=(MANIPULATION, MOBILISATION)),
    *_names((), "pressure on the back by hand: a mobilisation or soft-tissue work", "push*", "press*",
            "pressure*", maybe=(MOBILISATION, MASSAGE)),
    *_names((), "a physiotherapist or their treatment, which may have been any hands-on technique, needling "
            "or electrotherapy; not, on this word alone, exercise", "physio*", "physical therap*",
            maybe=HANDS_AND_MACHINES),
)

# Treatments the plan never proposes: named, so the text is read, but nothing of the plan is the same.
OTHER_TREATMENTS: frozenset[str] = frozenset({
    "heat", "heated", "hot", "ice", "icing", "cold", "pack", "packs", "wheat", "bag", "rest", "bed",
    "bedrest",
    "medication", "medications", "medicine", "medicines", "meds", "tablets", "tablet", "pills", "pill",
    "painkillers", "painkiller", "analgesia", "analgesics", "opioids", "opiates", "codeine", "tramadol",
    "morphine", "gabapentin", "pregabalin", "amitriptyline", "nsaids", "ibuprofen", "naproxen", "diclofenac",
    "paracetamol", "acetaminophen", "cream", "gel", "patch", "patches", "injection", "injections",
    "injected", "jab", "epidural", "epidurals", "steroid", "steroids", "facet", "block", "blocks",
    "radiofrequency", "rf", "denervation", "ablation", "botox", "surgery", "surgeries", "operation",
    "operations", "fusion", "discectomy", "laminectomy", "decompression", "brace", "braces", "corset",
    "belt", "taping", "tape", "kinesio", "kt", "orthotics", "insoles", "mattress", "pillow", "cbt",
    "counselling", "counseling", "psychology", "psychologist", "mindfulness", "relaxation", "meditation",
    "scan", "scans", "mri", "xray", "ct", "reiki", "homeopathy", "supplements",
})

# Words that say something made things worse.
HARM_WORDS: frozenset[str] = frozenset({
    "worse", "worsened", "worsening", "worst", "hurt", "hurts", "hurting", "painful", "sore", "soreness",
    "flare", "flared", "flares", "flaring", "flareup", "aggravated", "aggravates", "aggravating", "irritated",
    "agony", "locked", "lock", "seized", "stiff", "stiffer", "spasm", "spasms", "bad", "badly", "terrible",
    "awful", "horrible", "unbearable", "bruised", "bruising", "bruises", "numb", "numbness", "tingling",
    "swelling", "swollen", "injured", "injury", "damaged", "sick", "nauseous", "dizzy", "setback",
    "excruciating", "increased", "crippled", "wrecked", "reaction", "harm", "harmed", "faint", "fainted",
    "seise", "seised", "seisure", "twinge", "twinged", "tweaked", "pulled", "shooting", "burning", "weak",
    "weakness", "collapsed",
})
# Words that say something helped.
HELP_WORDS: frozenset[str] = frozenset({
    "helped", "help", "helps", "helping", "helpful", "better", "improved", "improves", "improvement",
    "eased", "eases", "relieved", "relief", "relieves", "worked", "good", "great", "useful", "benefit",
    "benefited", "benefitted", "settled", "easier", "freed", "loosened", "ok", "okay", "fine", "nice",
})
# Words that turn a clause around ("did not help").
NEGATIONS: frozenset[str] = frozenset({
    "not", "no", "never", "didnt", "doesnt", "dont", "wasnt", "werent", "isnt", "arent", "havent", "hasnt",
    "hadnt", "cant", "cannot", "couldnt", "wont", "wouldnt", "nothing", "none", "nor", "neither", "without",
})
# Words that end one clause and start another (as do , . ; : ! ? / and brackets).
CLAUSE_BREAKS: frozenset[str] = frozenset({
    "but", "however", "though", "although", "whereas", "yet", "except", "unlike",
})
# Words that name no treatment and say neither harm nor help.
ORDINARY: frozenset[str] = frozenset({
    # articles, pronouns, determiners
    "a", "an", "the", "my", "his", "her", "hers", "their", "our", "your", "its", "it", "i", "me", "myself",
    "he", "she", "they", "them", "we", "us", "you", "him", "this", "that", "these", "those", "some", "any",
    "all", "each", "both", "one", "ones", "someone", "somebody", "who", "which", "what", "whatever", "other",
    "another", "same", "such", "there", "here", "lots", "lot", "kind", "sort", "type", "types",
    # linking words and prepositions
    "and", "or", "then", "than", "so", "as", "of", "on", "in", "into", "onto", "at", "to", "for", "from",
    "with", "by", "after", "afterwards", "before", "during", "over", "under", "up", "down", "out", "about",
    "around", "through", "until", "till", "while", "when", "also", "plus", "via", "per", "again", "too",
    "just", "only", "even", "still", "ever", "once", "twice", "times", "time", "if", "because", "since",
    "like", "especially", "mainly", "probably", "maybe", "perhaps", "etc", "eg", "ie", "vs", "and/or",
    # verbs
    "was", "were", "is", "are", "be", "been", "being", "am", "had", "has", "have", "having", "did", "do",
    "does", "done", "doing", "got", "get", "gets", "getting", "made", "make", "makes", "making", "went",
    "go", "goes", "gone", "tried", "try", "trying", "gave", "give", "given", "received", "used", "came",
    "felt", "feel", "feels", "feeling", "said", "says", "told", "saw", "seen", "see", "seeing", "saying",
    "left", "leave", "lasted", "last", "kept", "keep", "started", "start", "stopped", "stop", "put",
    "took", "take", "taken", "needed", "need", "wanted", "want", "thought", "think", "called", "booked",
    "paid", "attended", "can", "could", "would", "should", "will", "might", "may", "must",
    # the body and the pain
    "back", "spine", "spinal", "neck", "hip", "hips", "leg", "legs", "lower", "low", "upper", "lumbar",
    "thoracic", "sacroiliac", "si", "joint", "joints", "disc", "discs", "muscle", "muscles", "pelvis",
    "buttock", "buttocks", "bum", "side", "right", "shoulder", "shoulders", "body", "nerve",
    "nerves", "sciatica", "pain", "pains", "symptoms", "symptom", "ache", "aches", "aching", "area",
    # people, places, time and amounts
    "doctor", "doctors", "dr", "gp", "gps", "clinic", "clinics", "clinician", "therapist", "therapists",
    "practitioner", "practitioners", "specialist", "specialists", "consultant", "hospital", "nhs",
    "private", "session", "sessions", "treatment", "treatments", "appointment", "appointments", "visit",
    "visits", "course", "courses", "week", "weeks", "weekly", "day", "days", "daily", "month", "months",
    "year", "years", "ago", "previous", "previously", "first", "second", "third", "next", "few", "several",
    "many", "more", "most", "much", "very", "really", "quite", "bit", "little", "slightly", "long",
    "short", "home", "work", "works", "job", "place", "thing", "things", "way", "ways", "new",
    "old", "hard", "firm", "gentle", "gently", "strong", "deep", "light", "lightly", "quick", "quickly",
    "slow", "slowly", "whole", "full", "half", "lady", "man", "woman", "guy", "person", "people",
    "every", "everything", "something", "anything", "off", "away", "where", "practice",
    "sports", "sport", "release", "technique", "techniques", "method", "therapy", "therapies",
    # more of the body, and how it moves
    "glute", "glutes", "elbow", "elbows", "knee", "knees", "thumb", "thumbs", "hand", "hands", "finger",
    "fingers", "foot", "feet", "arm", "arms", "head", "tailbone", "coccyx", "rib", "ribs", "vertebra",
    "vertebrae", "bone", "bones", "tissue", "tissues", "core", "abs", "stomach", "tummy", "mid", "middle",
    "extension", "flexion", "rotation", "rotational", "bend", "bending", "bent", "lift", "lifting",
    "move", "moving", "movement", "movements", "twist", "twisting", "turn", "turning", "stand", "standing",
    "straight", "sit", "sitting", "lying", "lie", "far", "harder", "soft", "plinth", "table",
    "couch", "drop", "ball", "roll", "band", "bands", "weights", "machine", "machines", "device",
})


# The word lists by name (each word in one list only: checked on import).
WORD_LISTS: dict[str, frozenset[str]] = {
    "ORDINARY": ORDINARY,
    "OTHER_TREATMENTS": OTHER_TREATMENTS,
    "HARM_WORDS": HARM_WORDS,
    "HELP_WORDS": HELP_WORDS,
    "NEGATIONS": NEGATIONS,
    "CLAUSE_BREAKS": CLAUSE_BREAKS,
}

TECHNIQUES_BY_ID: dict[str, Technique] = {technique.id: technique for technique in TECHNIQUES}

"""Event triggers: the words and phrases that make a sentence a candidate for a PLOVER type (and its mode).

Written by hand (not learned), matched on lower-cased surface forms so the stage needs no lemmatizer or
tagger: each verb lists its inflections through `_v`. A trigger is necessary for an event (the classifier
only ranks types that have a trigger), which is what keeps background sentences from becoming events.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _v(base: str, *extra: str) -> list[str]:
    """A regular verb's forms: attack -> attack, attacks, attacked, attacking (irregular forms as extras)."""
    stem = base[:-1] if base.endswith("e") else base
    forms = [base, base + ("es" if base.endswith(("s", "sh", "ch", "x", "z")) else "s"), stem + "ed", stem + "ing"]
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        forms = [base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"]
    return forms + list(extra)


def _n(*words: str) -> list[str]:
    out: list[str] = []
    for w in words:
        out += [w, w + ("es" if w.endswith(("s", "sh", "ch", "x")) else "s")]
    return out


@dataclass(frozen=True)
class Trigger:
    words: tuple[str, ...]  # lower-cased token sequence
    type: str
    mode: str | None
    strength: float  # how sure the word alone makes the type (1 = unambiguous)
    noun: bool = False


# (type, mode, strength, words). The strengths are lexicon entries, not weights of the stage's formulas: hand-set
# per word family in 6da6446 (issue 8), no recorded figure; the custody and force entries came with 44691a4
# (police actions, on the set they were read from: kill F1 .800 -> .859, arrest .761 -> .837, force .336 -> .365).
_RAW: list[tuple[str, str | None, float, list[str]]] = [
    # ASSAULT, with the PLOVER mode the word implies.
    ("ASSAULT", None, 0.8, _v("attack") + _n("attack", "assault", "ambush", "raid") + _v("ambush")),
    ("ASSAULT", "grenade", 1.0, _n("grenade", "grenade attack")),
    ("ASSAULT", "explosives", 1.0, _n("bombing", "explosion", "blast", "bomb", "ied", "landmine",
                                      "car bomb", "car bombing", "roadside bomb", "explosive device")
     + _v("bomb") + _v("detonate") + _v("explode")),
    ("ASSAULT", "suicide-attack", 1.0, _n("suicide bomber", "suicide bombing", "suicide attack")),
    ("ASSAULT", "drone", 1.0, _n("drone attack", "drone strike", "drone strikes")),
    ("ASSAULT", "aerial", 1.0, _n("airstrike", "air strike", "air raid", "bombardment") + _v("bombard")),
    ("ASSAULT", "heavy-weapons", 0.9, _n("shelling", "artillery fire", "rocket attack", "missile attack",
                                         "missile strike", "mortar") + _v("shell")),
    ("ASSAULT", "firearms", 0.9, _n("shooting", "gunfire", "gunman", "gunmen", "gun attack")
     + _v("shoot", "shot") + ["opened fire", "open fire"]),
    ("ASSAULT", None, 0.9, _v("kill") + _v("murder") + _n("killing", "murder") + ["slain", "slew", "slaughtered"]),
    ("ASSAULT", "massacre", 1.0, _n("massacre") + _v("massacre")),
    ("ASSAULT", "assassinate", 1.0, _v("assassinate") + _n("assassination")),
    ("ASSAULT", "abduct", 1.0, _v("abduct") + _v("kidnap", "kidnapped", "kidnapping") + _n("abduction", "kidnapping")),
    ("ASSAULT", "sexual", 1.0, _v("rape") + _n("sexual violence")),
    ("ASSAULT", "torture", 1.0, _v("torture")),
    ("ASSAULT", "beat", 0.8, ["beat", "beaten", "beating", "beatings", "stabbed", "stabbing", "lynched"]),
    ("ASSAULT", None, 0.8, _n("clash", "battle", "firefight", "offensive") + _v("clash") + ["fought", "fighting"]),
    ("ASSAULT", "firearms", 1.0, ["gunned down", "exchanged fire", "fired on", "fired at"]),
    ("ASSAULT", "execute", 0.8, ["executed", "beheaded", "hacked to death", "burned alive"]),
    ("ASSAULT", None, 0.7, ["stormed", "wounded", "wounding", "hostilities", "arson"]),
    # Force short of killing, mostly by police: weak alone (a tear-gas volley at a march is the protest's story).
    ("ASSAULT", "beat", 0.8, ["tasered", "tased", "pepper-sprayed", "pepper sprayed", "punched", "kicked", "tackled",
                              "lathi-charged", "lathi charge", "baton charge", "baton-charged", "died in custody",
                              "died in police custody"]),
    ("ASSAULT", "crowd-control", 0.6, ["tear gas", "teargas", "rubber bullets", "water cannon", "pepper spray",
                                       "stun grenades"]),
    ("PROTEST", "demo", 1.0, ["took to the streets", "take to the streets", "taking to the streets"]),
    ("PROTEST", "demo", 0.6, ["chanted", "chanting", "placards"]),
    ("ASSAULT", "destroy", 0.6, ["torched", "set fire", "burned down", "razed", "looted", "looting", "vandalised",
                                 "vandalized"]),
    # PROTEST
    ("PROTEST", "demo", 1.0, _n("protest", "protester", "protestor", "demonstration", "demonstrator", "rally", "march",
                                "sit-in", "picket") + _v("protest") + _v("demonstrate") + _v("rally") + _v("march")),
    ("PROTEST", "riot", 1.0, _n("riot", "rioter") + _v("riot")),
    ("PROTEST", "strike", 0.7, [*_n("strike", "walkout", "striker", "general strike"), "on strike",
                                "striking workers"]),
    ("PROTEST", "hunger", 1.0, _n("hunger strike")),
    ("PROTEST", "boycott", 1.0, _n("boycott") + _v("boycott")),
    ("PROTEST", "obstruct", 0.7, _n("blockade", "roadblock") + _v("blockade")),
    # MIGRATE: people leaving or fleeing a place (not PLOVER; ACLED does not code it either).
    ("MIGRATE", None, 0.5, _n("refugee", "asylum seeker")),  # a mention of refugees is not a movement
    ("MIGRATE", None, 0.8, ["crossed the border", "crossing the border", "cross the border", "crossed into",
                            "crossing into", "left the country", "leaving the country"]),
    ("MIGRATE", None, 1.0, _v("flee", "fled") + _n("exodus") + _v("emigrate")
     + ["fleeing", "displaced", "mass departure"] + _v("migrate")),
    # REJECT
    ("REJECT", None, 0.8, ["dismissed", "dismisses", "ruled out", "rules out", "opposed"]),
    ("REJECT", None, 1.0, _v("reject") + _v("refuse") + _v("veto") + _v("rebuff") + _n("rejection", "refusal")
     + ["unacceptable", "turned down", "turn down", "declined", "declines", "snubbed"]),
    # THREATEN
    ("THREATEN", None, 1.0, _v("threaten") + _n("threat", "ultimatum") + ["vowed to retaliate"]),
    ("THREATEN", None, 0.5, _v("warn")),
    # ACCUSE (PLOVER 2016 DISAPPROVE and INVESTIGATE live here now)
    ("ACCUSE", None, 1.0, _v("accuse") + _v("blame") + _v("condemn") + _v("denounce") + _v("criticize")
     + _v("criticise") + _v("allege") + _n("accusation", "allegation", "condemnation") + _v("decry")),
    ("ACCUSE", "investigate", 0.8, _v("investigate") + _n("investigation", "probe", "inquiry")),
    ("ACCUSE", None, 0.6, _v("charge") + _v("indict") + _v("sue")),
    ("ACCUSE", None, 0.9, [*_v("complain"), *_n("complaint"), "lodged", "lodges", "filed"]),
    # REQUEST (PLOVER 2016 DEMAND)
    ("REQUEST", None, 1.0, _v("demand") + _v("urge") + _v("appeal") + _v("request") + _n("demand", "appeal", "plea")
     + ["called for", "calls for", "calling for", "called on", "calls on", "asked for", "pleaded"]),
    # AGREE
    ("AGREE", None, 1.0, _v("agree") + _n("agreement", "accord", "pact", "treaty", "deal")
     + ["signed", "reached a deal"]),
    # CONSULT
    ("CONSULT", None, 0.8, ["met", "meet", "meets", "meeting", "talks", "held talks", "negotiations", *_v("visit"),
                            *_v("negotiate"), *_v("discuss"), *_n("summit", "phone call"), "host", "hosted", "hosts"]),
    # SUPPORT
    ("SUPPORT", None, 0.8, _v("support") + _v("praise") + _v("endorse") + _v("welcome") + _v("commend")
     + ["backed", "backs", "backing", "approved", "approves", "ratified"]),
    # CONCEDE
    ("CONCEDE", None, 1.0, _v("concede") + _n("concession") + _v("apologize") + _v("apologise") + _v("relax")
     + _v("ease") + ["lift", "lifted", "lifts", "lifting", "compensate", "compensated"]),
    # COOPERATE
    ("COOPERATE", None, 1.0, _v("cooperate") + _v("collaborate") + _n("cooperation", "joint venture", "partnership")
     + ["joint", "teamed up"]),
    # AID
    ("AID", None, 1.0, _n("aid", "humanitarian assistance", "relief aid", "relief supplies", "debt relief")
     + _v("donate") + ["granted asylum"]),
    # RETREAT
    ("RETREAT", None, 1.0, _v("withdraw", "withdrew", "withdrawn") + _v("retreat") + _v("resign")
     + _n("ceasefire", "cease-fire", "truce", "withdrawal", "resignation") + _v("disarm") + ["pulled out",
                                                                                         "stepped down"]),
    ("RETREAT", "release", 0.7, _v("release") + _v("free", "freed")),
    # SANCTION
    ("SANCTION", None, 1.0, _v("sanction") + _n("sanction", "embargo") + _v("expel", "expelled", "expelling")
     + _v("convict") + _v("sentence") + ["severed", "cut ties", "recalled its ambassador", "suspended relations"]),
    # MOBILIZE
    ("MOBILIZE", None, 1.0, _v("mobilize") + _v("mobilise") + _n("mobilization", "mobilisation", "deployment")
     + _v("deploy") + _n("conscription", "call-up", "reinforcement") + ["called up", "drafted"]),
    # COERCE
    ("COERCE", "arrest", 1.0, _v("arrest") + _v("detain") + _n("arrest", "detention", "crackdown") + ["jailed",
                                                                                                    "imprisoned"]),
    ("COERCE", "arrest", 0.9, ["into custody", "apprehended", "apprehend", "nabbed", "rounded up", "handcuffed",
                               "in handcuffs"]),
    ("COERCE", "seize", 0.8, _v("seize") + _v("confiscate") + _n("seizure")),
    ("COERCE", "ban", 0.8, _v("ban", "banned", "banning") + _v("outlaw")),
    ("COERCE", "curfew", 1.0, _n("curfew", "martial law", "state of emergency")),
    ("COERCE", "censor", 1.0, _v("censor") + _n("censorship")),
    ("COERCE", "deport", 1.0, _v("deport") + _n("deportation")),
    # Weaker cues: common verbs that often, not always, carry the type.
    ("AGREE", None, 0.6, [*_v("offer"), "accepted", "accepts", "accept"]),
    ("CONCEDE", None, 0.5, ["allow", "allowed", "allows", "permitted"]),
    ("CONSULT", None, 0.8, _v("mediate") + _n("mediation", "mediator")),
    ("SUPPORT", None, 0.6, _v("defend") + _v("forgive")),
    ("RETREAT", None, 0.8, _v("surrender") + _n("surrender")),
    ("SANCTION", None, 0.7, _v("suspend") + _n("suspension") + _v("prohibit") + _v("cancel", "cancelled", "canceled")
     + ["cut off", "halted"]),
    ("COERCE", "destroy", 0.8, _v("demolish") + _v("bulldoze")),
    ("PROTEST", "obstruct", 0.6, ["blocked", "blocking", "blocks"]),
    ("ASSAULT", None, 0.8, _v("invade") + _n("invasion") + ["abused"]),
    ("COOPERATE", None, 0.7, ["war games", "joint exercises", "military exercises"]),
    ("MOBILIZE", None, 0.6, [*_n("patrol"), "on alert", "high alert"]),
    ("ACCUSE", "investigate", 0.6, ["inspectors", "hearing"]),
]

# Words that change an "attack" into one with a mode when they sit in the same sentence.
MODE_CUES: dict[str, str] = {
    "drone": "drone", "drones": "drone", "explosives": "explosives", "explosive": "explosives",
    "bomb": "explosives", "car bomb": "explosives", "airstrike": "aerial", "warplanes": "aerial",
    "gunmen": "firearms", "rifles": "firearms", "artillery": "heavy-weapons", "missiles": "heavy-weapons",
    "rockets": "heavy-weapons", "mortars": "heavy-weapons", "grenade": "grenade", "grenades": "grenade",
    "shelling": "heavy-weapons", "landmine": "explosives", "ied": "explosives",
}
# Modes that are more specific than others found in the same sentence ("a drone attacked", "a bombing").
MODE_RANK = {"suicide-attack": 6, "drone": 5, "aerial": 4, "grenade": 3.5, "explosives": 3, "heavy-weapons": 2,
             "firearms": 1}


def _build() -> tuple[dict[str, list[Trigger]], int]:
    table: dict[str, list[Trigger]] = {}
    longest = 1
    for etype, mode, strength, words in _RAW:
        for w in words:
            toks = tuple(re.findall(r"[a-z]+", w))
            longest = max(longest, len(toks))
            noun = not w.endswith(("ed", "ing")) and etype != "MIGRATE"
            table.setdefault(toks[0], []).append(Trigger(toks, etype, mode, strength, noun))
    for lst in table.values():
        lst.sort(key=lambda t: -len(t.words))
    return table, longest


TABLE, LONGEST = _build()


@dataclass
class Hit:
    trigger: Trigger
    start: int  # token index (in the token list given to `find`)
    end: int


def find(words: list[str]) -> list[Hit]:
    """Triggers in a list of lower-cased tokens; the longest match at each position wins."""
    hits: list[Hit] = []
    i = 0
    while i < len(words):
        best = None
        for t in TABLE.get(words[i], ()):
            n = len(t.words)
            if tuple(words[i:i + n]) == t.words:
                best = t
                break
        if best is None:
            i += 1
            continue
        hits.append(Hit(best, i, i + len(best.words)))
        i += len(best.words)
    return hits


def text_tokens(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())

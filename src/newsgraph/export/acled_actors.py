"""ACLED's actor-type ("inter") codes for newsgraph's actors, inferred from words: an approximation.

ACLED gives every actor a type from its own actor dictionary, written in `inter1`/`inter2`, and joins the two in
`interaction`. newsgraph has no such dictionary: an event's actor and recipient are phrases from the story
("police", "gunmen", "Islamic State militants"). This module reads the type off those words and off the ACLED
sub-event type, by the small rule set below; an actor it cannot place gets no code (empty), never a guess.

The codes (ACLED codebook, "Actor Names, Types and Inter Codes"; the same table is in the acledR package's
vignette "Actors and Interactions", github.com/dtacled/acledR, vignettes/actors_interactions.Rmd, which cites
ACLED Codebook v1 January 2021):
  1 state forces (military and police of a government), 2 rebel groups, 3 political militias, 4 identity
  militias (organised around community, ethnicity, region, religion), 5 rioters (individuals or mobs in violent
  demonstrations or spontaneous disorganised violence), 6 protesters (peaceful, unarmed demonstrators),
  7 civilians (by definition unarmed victims), 8 external/other forces (international organisations, private
  security firms, mercenaries, state forces acting outside their country).

Rules (newsgraph's, in this order):
  Words. The first category whose word or phrase occurs in the actor's text decides: 8 (peacekeepers,
  mercenaries, private security, UN missions), 2 (rebels, insurgents, militants, guerrillas, jihadists,
  separatists, and a short list of named armed groups ACLED codes as rebels), 4 (militia qualified by community,
  ethnicity, tribe, clan or village), 3 (militia, paramilitaries, gunmen, armed men, assailants), 6 (protesters,
  demonstrators, marchers, strikers), 5 (rioters, mob, looters), 1 (police, army, soldiers, troops, military,
  security/armed/government forces, gendarmes, authorities, government), 7 (civilians, villagers, residents,
  journalists, students, farmers, worshippers, passengers, women, children, people...). The order puts the
  modifier that changes the kind first: "rebel soldiers" are rebels, "anti-government protesters" protesters,
  "gunmen in police uniform" gunmen. Gunmen, armed men and other unnamed attackers are 3 because ACLED files
  them under "Unidentified Armed Group (country)", a political militia (from ACLED's data, as we know them;
  the codebook excerpts available when this was written did not spell it out).
  Sub-event type (ACLED's definitions of its sub-event types):
  - Protests (Peaceful protest, Protest with intervention, Excessive force against protesters): if neither side
    is already 6, the protesting side (the actor of a PROTEST event or of a peaceful protest, else the recipient,
    whom the force acts on) is 6 when its words give no code or 7: students who march are protesters; an
    unnamed side is protesters.
  - Riots (Violent demonstration, Mob violence): the actor is 5 when its words give no code, 6 or 7.
  - Violence against civilians (Attack, Sexual violence, Abduction/forced disappearance): the recipient is 7
    when its words give no code or 7, named or not: ACLED's victims of this event type are civilians.
  A side filled by a rule may have an empty actor column: the story implies the side but does not name it.

`interaction` (same sources): the two codes, smaller first ("16", never "61"); one side only gives the code and
0 ("10"); no code gives "". ACLED's newer files (2024 on) and API may write the type names ("State forces",
"State forces-Protesters") instead of the digits; acledR's `acled_transform_interaction` maps the digits to the
names.
"""

from __future__ import annotations

import re

from ..extract.events import PROTESTS, RIOTS, VAC, category

STATE, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)

# One entry per category, in the order they are tried: (code, single words, phrases).
_RULES: tuple[tuple[int, frozenset[str], tuple[str, ...]], ...] = (
    (EXTERNAL, frozenset({"peacekeepers", "peacekeeper", "peacekeeping", "mercenaries", "mercenary", "wagner",
                          "monusco", "minusma", "minusca", "amisom", "atmis", "unmiss", "unifil"}),
     ("private security", "security contractors", "security contractor", "africa corps", "un mission")),
    (REBELS, frozenset({"rebels", "rebel", "insurgents", "insurgent", "insurgency", "militants", "militant",
                        "guerrillas", "guerrilla", "guerillas", "guerilla", "jihadists", "jihadist", "separatists",
                        "separatist", "isis", "isil", "iswap", "jnim", "aqim", "farc", "eln", "m23", "pkk", "adf",
                        "houthis", "houthi", "shabaab"}),
     ("islamic state", "boko haram", "al qaeda", "al qaida")),
    (IDENTITY_MILITIA, frozenset(),
     tuple(f"{q} {m}" for q in ("communal", "ethnic", "tribal", "clan", "village", "villagers", "community")
           for m in ("militia", "militias", "militiamen"))),
    (POLITICAL_MILITIA, frozenset({"militia", "militias", "militiamen", "paramilitary", "paramilitaries", "gunmen",
                                   "gunman", "assailants", "assailant", "attackers", "attacker"}),
     ("armed men", "armed group", "armed groups", "unidentified armed", "unknown armed")),
    (PROTESTERS, frozenset({"protesters", "protester", "protestors", "protestor", "demonstrators", "demonstrator",
                            "marchers", "strikers", "protesting", "demonstrating"}), ()),
    (RIOTERS, frozenset({"rioters", "rioter", "mob", "mobs", "looters", "rioting"}), ()),
    (STATE, frozenset({"police", "policemen", "policeman", "policewomen", "gendarmes", "gendarmerie", "army",
                       "soldiers", "soldier", "troops", "troop", "military", "forces", "navy", "marines",
                       "authorities", "government", "junta", "regime", "officers"}),
     ("air force", "national guard", "coast guard", "border guards", "border guard", "presidential guard",
      "security men", "security personnel", "security officers")),
    (CIVILIANS, frozenset({"civilians", "civilian", "villagers", "villager", "residents", "resident", "journalists",
                           "journalist", "reporters", "reporter", "students", "student", "pupils", "farmers",
                           "farmer", "worshippers", "worshipers", "passengers", "passenger", "women", "woman",
                           "children", "child", "girls", "girl", "boys", "boy", "people", "family", "families",
                           "teachers", "teacher", "doctors", "nurses", "workers", "traders", "shopkeepers",
                           "motorists", "drivers", "refugees", "migrants", "pilgrims", "activists", "activist"}),
     ("aid workers", "aid worker", "health workers")),
)

PROTEST_SUBTYPES = frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"})


def _norm(text: str) -> str:
    return " " + " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split()) + " "


def words_code(text: str | None) -> int | None:
    """The inter code the words of an actor's text give, or None."""
    if not text:
        return None
    norm = _norm(text)
    words = set(norm.split())
    for code, singles, phrases in _RULES:
        if words & singles or any(f" {p} " in norm for p in phrases):
            return code
    return None


def inter_codes(actor: str | None, recipient: str | None, subtype: str | None,
                plover_type: str | None = None) -> tuple[int | None, int | None]:
    """(inter1, inter2) for an event's actor and recipient texts under its ACLED sub-event type (see the module
    docstring for the rules). `plover_type` tells which side protests: the actor of a PROTEST event."""
    a, r = words_code(actor), words_code(recipient)
    etype = category(subtype)
    if etype == PROTESTS and subtype in PROTEST_SUBTYPES and PROTESTERS not in (a, r):
        if plover_type == "PROTEST" or subtype == "Peaceful protest":
            a = PROTESTERS if a in (None, CIVILIANS) else a
        else:
            r = PROTESTERS if r in (None, CIVILIANS) else r
    elif etype == RIOTS and a in (None, PROTESTERS, CIVILIANS):
        a = RIOTERS
    elif etype == VAC and r in (None, CIVILIANS):
        r = CIVILIANS
    return a, r


def interaction(inter1: int | None, inter2: int | None) -> str:
    """ACLED's joint code: the smaller inter first ("16"); one side only gives it with 0 ("10"); none gives ""."""
    got = sorted(c for c in (inter1, inter2) if c is not None)
    if not got:
        return ""
    if len(got) == 1:
        return f"{got[0]}0"
    return f"{got[0]}{got[1]}"

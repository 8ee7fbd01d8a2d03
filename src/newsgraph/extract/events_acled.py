"""The one mapping from PLOVER type + mode to ACLED event type and sub-type (ACLED codebook names).

ACLED codes political violence, demonstrations and some strategic developments; most cooperative PLOVER
types have no ACLED counterpart and map to (None, None). Where ACLED splits by target (battles between
armed groups vs violence against civilians) the recipient decides, see `acled_labels`.
"""

from __future__ import annotations

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

# (PLOVER type, mode) -> (ACLED event type, sub-type). Mode None is the type's default.
TABLE: dict[tuple[str, str | None], tuple[str | None, str | None]] = {
    ("ASSAULT", "explosives"): (REMOTE, "Remote explosive/landmine/IED"),
    ("ASSAULT", "suicide-attack"): (REMOTE, "Suicide bomb"),
    ("ASSAULT", "drone"): (REMOTE, "Air/drone strike"),
    ("ASSAULT", "aerial"): (REMOTE, "Air/drone strike"),
    ("ASSAULT", "heavy-weapons"): (REMOTE, "Shelling/artillery/missile attack"),
    ("ASSAULT", "grenade"): (REMOTE, "Grenade"),
    ("ASSAULT", "firearms"): (VAC, "Attack"),
    ("ASSAULT", "abduct"): (VAC, "Abduction/forced disappearance"),
    ("ASSAULT", "sexual"): (VAC, "Sexual violence"),
    ("ASSAULT", "massacre"): (VAC, "Attack"),
    ("ASSAULT", "assassinate"): (VAC, "Attack"),
    ("ASSAULT", "execute"): (VAC, "Attack"),
    ("ASSAULT", "torture"): (VAC, "Attack"),
    ("ASSAULT", "beat"): (VAC, "Attack"),
    ("ASSAULT", "crowd-control"): (PROTESTS, "Excessive force against protesters"),
    ("ASSAULT", "destroy"): (STRATEGIC, "Looting/property destruction"),
    ("ASSAULT", "clash"): (BATTLES, "Armed clash"),
    ("ASSAULT", None): (VAC, "Attack"),
    ("PROTEST", "demo"): (PROTESTS, "Peaceful protest"),
    ("PROTEST", "strike"): (PROTESTS, "Peaceful protest"),
    ("PROTEST", "hunger"): (PROTESTS, "Peaceful protest"),
    ("PROTEST", "boycott"): (PROTESTS, "Peaceful protest"),
    ("PROTEST", "obstruct"): (PROTESTS, "Peaceful protest"),
    ("PROTEST", "riot"): (RIOTS, "Violent demonstration"),
    ("PROTEST", None): (PROTESTS, "Peaceful protest"),
    ("COERCE", "arrest"): (STRATEGIC, "Arrests"),
    ("COERCE", "seize"): (STRATEGIC, "Looting/property destruction"),
    ("AGREE", None): (STRATEGIC, "Agreement"),
    ("RETREAT", "ceasefire"): (STRATEGIC, "Agreement"),
    ("RETREAT", "withdraw"): (STRATEGIC, "Non-violent transfer of territory"),
    ("MOBILIZE", "troops"): (STRATEGIC, "Other"),
}

# Targets that make an attack one on armed forces (ACLED: a battle) rather than on civilians.
ARMED = {"soldiers", "troops", "army", "military", "forces", "police", "policemen", "officers", "rebels", "militants",
         "guerrillas", "insurgents", "fighters", "militia", "militias", "base", "checkpoint", "patrol", "convoy",
         "soldier", "militant", "rebel", "guerrilla", "insurgent", "fighter", "garrison", "troop"}
# Targets that make any violent event violence against civilians.
CIVILIAN = {"civilians", "villagers", "residents", "students", "children", "women", "worshippers", "farmers",
            "journalists", "protesters", "demonstrators", "passengers", "pupils", "people", "family", "families"}
# Event words that mean two armed sides fought.
CLASH = {"clash", "clashes", "clashed", "battle", "battles", "fighting", "fought", "firefight", "firefights",
         "skirmish", "skirmishes", "exchanged"}
REGAIN = {"recaptured", "regained", "retook", "retaken", "liberated"}
OVERTAKE = {"overran", "captured", "seized", "took"}
DISRUPTED = {"defused", "defuse", "intercepted", "dismantled", "thwarted", "foiled"}
INTERVENTION = {"dispersed", "disperse", "tear", "teargas", "cannon", "cannons", "batons", "rubber", "arrested",
                "detained"}
LETHAL = {"killed", "killing", "shot", "dead", "died", "live"}
MOB = {"mob", "lynched", "lynching", "vigilantes"}


def acled_labels(etype: str, mode: str | None, recipient: str | None = None,
                 words: set[str] | None = None) -> tuple[str | None, str | None]:
    """ACLED (event type, sub-type) for a PLOVER event. `words` (the evidence sentence's lower-cased words) and
    the recipient decide what the PLOVER type leaves open: battle or attack on civilians, a protest met by
    force, a bomb defused rather than set off, ground taken or retaken."""
    words = words or set()
    rec = set((recipient or "").lower().split())
    if etype == "ASSAULT":
        if words & DISRUPTED:
            return (STRATEGIC, "Disrupted weapons use")
        if words & REGAIN:
            return (BATTLES, "Government regains territory")
        if words & OVERTAKE and words & {"town", "village", "city", "base", "territory", "control", "district"}:
            return (BATTLES, "Non-state actor overtakes territory")
        if rec & {"protesters", "demonstrators", "protestors", "marchers"}:
            return (PROTESTS, "Excessive force against protesters")
        if words & MOB and mode in (None, "beat"):
            return (RIOTS, "Mob violence")
        if mode in (None, "firearms", "beat") and words & CLASH:
            return TABLE[("ASSAULT", "clash")]
        if mode in (None, "firearms") and rec & ARMED and not rec & CIVILIAN:
            return (BATTLES, "Armed clash")
    if etype == "PROTEST":
        if mode == "riot" or words & MOB:
            return (RIOTS, "Mob violence") if words & MOB else (RIOTS, "Violent demonstration")
        if words & LETHAL and words & {"police", "security", "troops", "soldiers", "forces"}:
            return (PROTESTS, "Excessive force against protesters")
        if words & INTERVENTION:
            return (PROTESTS, "Protest with intervention")
    got = TABLE.get((etype, mode))
    if got is None and mode is not None:
        got = TABLE.get((etype, None))
    return got or (None, None)

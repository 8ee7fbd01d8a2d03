"""The one taxonomy of events: ACLED sub-event types, the types beyond ACLED, and PLOVER type + mode.

Everything that names an event label reads it here: the mapping from PLOVER type + mode to ACLED event type and
sub-type (`TABLE`, `acled_labels`), every ACLED sub-event type of the codebook with its event type and disorder
type (`SUB_EVENTS`), the five labels analysts ask for beyond ACLED (`EXTRA`), and for every label the PLOVER type
and mode an event of that label gets when the learned classifier finds it (`LABEL_PLOVER`).

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

POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
BOTH = "Political violence; Demonstrations"

# ACLED's 25 sub-event types (codebook 2023/2024): sub-event type -> (event type, disorder type).
SUB_EVENTS: dict[str, tuple[str, str]] = {
    "Armed clash": (BATTLES, POLITICAL_VIOLENCE),
    "Government regains territory": (BATTLES, POLITICAL_VIOLENCE),
    "Non-state actor overtakes territory": (BATTLES, POLITICAL_VIOLENCE),
    "Chemical weapon": (REMOTE, POLITICAL_VIOLENCE),
    "Air/drone strike": (REMOTE, POLITICAL_VIOLENCE),
    "Suicide bomb": (REMOTE, POLITICAL_VIOLENCE),
    "Shelling/artillery/missile attack": (REMOTE, POLITICAL_VIOLENCE),
    "Remote explosive/landmine/IED": (REMOTE, POLITICAL_VIOLENCE),
    "Grenade": (REMOTE, POLITICAL_VIOLENCE),
    "Sexual violence": (VAC, POLITICAL_VIOLENCE),
    "Attack": (VAC, POLITICAL_VIOLENCE),
    "Abduction/forced disappearance": (VAC, POLITICAL_VIOLENCE),
    "Peaceful protest": (PROTESTS, DEMONSTRATIONS),
    "Protest with intervention": (PROTESTS, DEMONSTRATIONS),
    "Excessive force against protesters": (PROTESTS, BOTH),
    "Violent demonstration": (RIOTS, DEMONSTRATIONS),
    "Mob violence": (RIOTS, POLITICAL_VIOLENCE),
    "Agreement": (STRATEGIC, STRATEGIC),
    "Arrests": (STRATEGIC, STRATEGIC),
    "Change to group/activity": (STRATEGIC, STRATEGIC),
    "Disrupted weapons use": (STRATEGIC, STRATEGIC),
    "Headquarters or base established": (STRATEGIC, STRATEGIC),
    "Looting/property destruction": (STRATEGIC, STRATEGIC),
    "Non-violent transfer of territory": (STRATEGIC, STRATEGIC),
    "Other": (STRATEGIC, STRATEGIC),
}

# Beyond ACLED: label -> the category written in the ACLED event-type column (no ACLED disorder type).
EXTRA: dict[str, str] = {
    "Natural disaster": "Disasters",
    "Man-made disaster": "Disasters",
    "Organised crime": "Crime",
    "Claim of responsibility": "Claims",
    "Diplomatic event": "Diplomacy",
}
LABELS: tuple[str, ...] = (*SUB_EVENTS, *EXTRA)
NONE = "NONE"  # the classifier's label for a sentence that reports no event

# The PLOVER type and mode of an event the classifier finds (DISASTER, CRIME and CLAIM extend PLOVER as
# MIGRATE does).
LABEL_PLOVER: dict[str, tuple[str, str | None]] = {
    "Armed clash": ("ASSAULT", "clash"),
    "Government regains territory": ("ASSAULT", "clash"),
    "Non-state actor overtakes territory": ("ASSAULT", "clash"),
    "Chemical weapon": ("ASSAULT", "chemical"),
    "Air/drone strike": ("ASSAULT", "aerial"),
    "Suicide bomb": ("ASSAULT", "suicide-attack"),
    "Shelling/artillery/missile attack": ("ASSAULT", "heavy-weapons"),
    "Remote explosive/landmine/IED": ("ASSAULT", "explosives"),
    "Grenade": ("ASSAULT", "grenade"),
    "Sexual violence": ("ASSAULT", "sexual"),
    "Attack": ("ASSAULT", None),
    "Abduction/forced disappearance": ("ASSAULT", "abduct"),
    "Peaceful protest": ("PROTEST", "demo"),
    "Protest with intervention": ("PROTEST", "demo"),
    "Excessive force against protesters": ("ASSAULT", "crowd-control"),
    "Violent demonstration": ("PROTEST", "riot"),
    "Mob violence": ("ASSAULT", "beat"),
    "Agreement": ("AGREE", None),
    "Arrests": ("COERCE", "arrest"),
    "Change to group/activity": ("MOBILIZE", None),
    "Disrupted weapons use": ("COERCE", "seize"),
    "Headquarters or base established": ("MOBILIZE", "troops"),
    "Looting/property destruction": ("COERCE", "destroy"),
    "Non-violent transfer of territory": ("RETREAT", "withdraw"),
    "Other": ("MOBILIZE", None),
    "Natural disaster": ("DISASTER", "natural"),
    "Man-made disaster": ("DISASTER", "man-made"),
    "Organised crime": ("CRIME", None),
    "Claim of responsibility": ("CLAIM", None),
    "Diplomatic event": ("CONSULT", None),
}
EXTRA_TYPES = ("DISASTER", "CRIME", "CLAIM")
# Labels an event of a PLOVER type may also carry though LABEL_PLOVER files them under another type: a police
# shooting or a drug-gang arrest is organised crime as ACLED's coders would see it, a protest met by live fire
# is excessive force, a crowd's beating mob violence.
CROSS: dict[str, tuple[str, ...]] = {
    "ASSAULT": ("Organised crime",),
    "COERCE": ("Organised crime",),
    "PROTEST": ("Excessive force against protesters", "Mob violence"),
}


def category(label: str | None) -> str | None:
    """The ACLED event type of a sub-event type, or the category of a label beyond ACLED."""
    if label is None:
        return None
    if label in SUB_EVENTS:
        return SUB_EVENTS[label][0]
    return EXTRA.get(label)


def disorder_type(label: str | None) -> str | None:
    """ACLED's disorder type of a sub-event type; None for labels beyond ACLED."""
    return SUB_EVENTS[label][1] if label in SUB_EVENTS else None


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
    ("COERCE", "destroy"): (STRATEGIC, "Looting/property destruction"),
    ("AGREE", None): (STRATEGIC, "Agreement"),
    ("RETREAT", "ceasefire"): (STRATEGIC, "Agreement"),
    ("RETREAT", "withdraw"): (STRATEGIC, "Non-violent transfer of territory"),
    ("MOBILIZE", "troops"): (STRATEGIC, "Other"),
    ("ASSAULT", "chemical"): (REMOTE, "Chemical weapon"),
    ("DISASTER", "natural"): ("Disasters", "Natural disaster"),
    ("DISASTER", "man-made"): ("Disasters", "Man-made disaster"),
    ("DISASTER", None): ("Disasters", "Man-made disaster"),
    ("CRIME", None): ("Crime", "Organised crime"),
    ("CLAIM", None): ("Claims", "Claim of responsibility"),
    ("CONSULT", "visit"): ("Diplomacy", "Diplomatic event"),
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

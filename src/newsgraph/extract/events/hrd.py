"""HRDsAttack's view of a record: which violations against people a story reports, where, from its events.

Reads an Article's events (type, mode, acled_subtype, killed, actor, place), its places and the words of its title
and sentences; adds nothing to the record. `violation_types` returns a subset of the seven HRDsAttack labels (Ran
et al. 2023, MIT): arbitrary detention, killing, kidnapping, torture, enforced disappearance, other, unknown;
`event_country` and `event_city` say where the story's events happen.

Each sentence votes for labels, from the events whose evidence it is and from its own words (the events stage
keeps one event per incident, so a story's other mentions of a violation are read from their words):

- killing: an event with people killed, a violent event (ASSAULT) of a killing mode (massacre, assassinate,
  execute) or with a death word ("died", "dead"); or a killing word ("murdered", "shot dead", "executed").
- arbitrary detention: an arrest (COERCE arrest, ACLED Arrests) or detention words ("jailed", "in custody",
  "sentenced to ... years"), unless the sentence is about suspects of a crime ("arrested the suspects").
- kidnapping: an abduction (ACLED Abduction/forced disappearance) told with abduction words ("abducted",
  "snatched", "bundled into"), or kidnapping/hostage/ransom words.
- enforced disappearance: "forcibly disappeared", "enforced disappearances", "whereabouts unknown", or an
  abduction by state agents (an actor naming police, soldiers, agents; "abducted by security forces").
- torture: an event of torture mode or torture words ("tortured", "ill-treatment", "electric shocks"), but not in
  a name or a hypothetical ("Committee against Torture", "at risk of torture").
- other: threats, harassment, raids, beatings and attacks without death, sexual violence, charges and trials,
  surveillance, censorship, bans, dismissal, unpaid wages, deportation (THREATEN, SANCTION, COERCE
  ban/censor/deport/seize, ASSAULT beat/sexual/firearms, or the words).

A vote weighs 1 in a sentence that holds a violent or coercive event (ASSAULT, COERCE, SANCTION, THREATEN) or
that the event itself casts, BARE_WEIGHT in any other sentence (talk about violations: history, lists, opinion),
and TITLE_WEIGHT in the title. A label needs MIN_SENTENCES[label] of weight: one asserted mention for a killing,
two for a detention. A story whose strong votes (the first five labels) are fewer than MIN_VOTES and below
MIN_DENSITY per sentence is not about a violation: it is "other" when OTHER_ALONE votes say so, else "unknown".
All weights and thresholds were set on HRDsAttack's train split (benchmarks/events_hrd.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...model import Article, Event

LABELS = ("arbitrary detention", "killing", "kidnapping", "torture", "enforced disappearance", "other", "unknown")


def _rx(*alts: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.I)


KILL = _rx(r"kill(?:ed|ing|ings)", r"murder(?:ed|s|ing)?", r"assassinat\w+", "slain", r"execut(?:ed|ion|ions)",
           r"lynch(?:ed|ing)", "beheaded", "shot dead", "gunned down", "hanged", "put to death", "extrajudicial",
           r"tortured to death", "beaten to death", "death squads?")
DEATH = _rx("died", "dead", r"deaths?", "bodies", "body")
KILL_MODES = {"massacre", "assassinate", "execute"}
DETAIN = _rx(r"arrest(?:ed|s|ing)?", r"detain(?:ed|ing|ee|ees)?", "detention", r"jail(?:ed)?", r"imprison\w*",
             r"incarcerat\w+", "custody", "behind bars", r"political prisoners?", r"prison(?:ers?)?",
             r"remand(?:ed)?", "incommunicado", r"sentenced to \w+ (?:years|months)")
SUSPECT = _rx(r"suspects?", "suspected of", r"kidnappers?", r"robbers?", r"killers?", r"gang", r"in connection with",
              "for the murder", "for killing", "for the killing", "for kidnapping", "for raping")
KIDNAP = _rx(r"kidnap\w*", r"abduct\w*", r"hostages?", "held captive", "ransom")
TAKEN = _rx("seized", "snatched", r"taken (?:away|from)", r"(?:forced|bundled|dragged) into", "whisked away",
            "picked up", "taken by")
DISAPPEAR = _rx(r"(?:enforced|forced|involuntary) disappearances?", r"(?:forcibly|been|were|was|had|have) disappeared",
                r"disappearances", r"whereabouts (?:are|is|remain|remains|were|was) (?:still )?(?:unknown|unclear)",
                "desaparecidos", r"disappeared (?:after|from|while|in)")
TORTURE = _rx(r"tortur(?:e|ed|es|ing)", r"ill-treat\w*", r"mistreat\w*", "electric shocks?", r"waterboard\w*",
              "stress positions?", "sleep deprivation")
TORTURE_NOT = _rx(r"against torture", r"prevention of torture", r"risk of torture", "vulnerable to torture",
                  "convention against", "psychological torture", "torture-tainted", "prohibition of torture")
OTHER = _rx(r"threat(?:s|en|ened|ening)?", r"harass\w*", r"intimidat\w+", r"raid(?:s|ed)?", "beaten", "beating",
            r"assault(?:ed|s)?", r"attack(?:ed|s)", r"charged? with", "indicted", r"prosecut\w+", "trial",
            "surveillance", "spyware", "censor\\w*", "banned", r"deport(?:ed|ation)", "fined", r"smear\w*",
            "red-tagg\\w+", "injured", "wounded", "stabbed", r"rap(?:e|ed)", r"persecut\w+", "crackdown",
            r"convict(?:ed|ion)", r"sack(?:ed)?", "dismissed", r"fired from", "blacklist\\w*", r"defam\w+",
            r"sedition", r"subversion", "travel ban", "confiscat\\w+", "seized", "hacked", "stalk\\w*",
            "sexual harassment", "unpaid", "wages", "forced labou?r", "slavery")
STATE = _rx("police", "policemen", r"officers?", "soldiers", "army", "military", "troops", "security forces",
            "security agents", "state agents", "authorities", "government", "regime", "junta", "intelligence",
            "secret service", "state security", r"guards?", "plainclothes", "special forces")
# An abduction by state agents: "abducted by soldiers", "security forces abducted".
BY_STATE = re.compile(r"\b(?:abducted|kidnapped|taken|seized|picked up) by (?:the |masked |plainclothes |armed )?(?:\w+ )?"
                      r"(?:police|soldiers|army|military|security|agents|intelligence|officers|troops|forces)\b|"
                      r"\b(?:police|soldiers|army|military|security forces|agents|officers|troops) "
                      r"(?:\w+ )?(?:abducted|kidnapped|whisked)\b", re.I)
ASSERTING = {"ASSAULT", "COERCE", "SANCTION", "THREATEN"}
OTHER_EVENTS = {"THREATEN", "SANCTION"}
OTHER_MODES = {"beat", "sexual", "firearms", "destroy", "crowd-control", "ban", "censor", "deport", "seize"}
# Sentences a label needs (title votes count TITLE_WEIGHT times); tuned on the train split only.
MIN_SENTENCES = {"arbitrary detention": 2, "killing": 1, "kidnapping": 1.5, "torture": 1,
                 "enforced disappearance": 0.5, "other": 1}
TITLE_WEIGHT = 2
BARE_WEIGHT = 0.5
MIN_DENSITY = 0.05
MIN_VOTES = 2
OTHER_ALONE = 2
# Places event_city reads as local: the gazetteer's features, and countries that are cities.
LOCAL_FEATURES = {"city", "other", "admin1"}
CITY_STATES = {"HK", "MO", "SG", "MC", "VA"}
_SENT_END = re.compile(r"(?<=[.!?…”\"])\s+(?=[“\"A-Z0-9])|\n+")


def sentences(article: Article) -> Iterator[tuple[int, int]]:
    """[start, end) of each sentence of the text (regex split: the record keeps no sentence spans)."""
    pos = 0
    for m in _SENT_END.finditer(article.text):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < len(article.text):
        yield pos, len(article.text)


def event_votes(e: Event, text: str) -> set[str]:
    """The labels one event speaks for, `text` being its evidence sentence."""
    out: set[str] = set()
    if (e.killed or 0) > 0 or (e.type == "ASSAULT" and (e.mode in KILL_MODES or DEATH.search(text))):
        out.add("killing")
    if ((e.type == "COERCE" and e.mode == "arrest") or e.acled_subtype == "Arrests") and DETAIN.search(text) \
            and not SUSPECT.search(text):
        out.add("arbitrary detention")
    if (e.mode == "abduct" or e.acled_subtype == "Abduction/forced disappearance") and \
            (KIDNAP.search(text) or TAKEN.search(text)):
        out.add("kidnapping")
        if (e.actor and STATE.search(e.actor.text)) or BY_STATE.search(text):
            out.add("enforced disappearance")
    if e.mode == "torture" and TORTURE.search(text) and not TORTURE_NOT.search(text):
        out.add("torture")
    if e.type in OTHER_EVENTS or (e.mode in OTHER_MODES and "killing" not in out):
        out.add("other")  # an assault without death
    return out


def word_votes(text: str) -> set[str]:
    """The labels a sentence's own words speak for."""
    out: set[str] = set()
    if KILL.search(text):
        out.add("killing")
    if DETAIN.search(text) and not SUSPECT.search(text):
        out.add("arbitrary detention")
    if KIDNAP.search(text):
        out.add("kidnapping")
        if BY_STATE.search(text):
            out.add("enforced disappearance")
    if DISAPPEAR.search(text):
        out.add("enforced disappearance")
    if TORTURE.search(text) and not TORTURE_NOT.search(text):
        out.add("torture")
    if OTHER.search(text):
        out.add("other")
    return out


def label_counts(article: Article) -> Counter[str]:
    """Weighted number of sentences (title included) voting for each label."""
    votes: Counter[str] = Counter()
    spans = list(sentences(article))
    title = (article.title or "").strip()
    if title and not article.text.startswith(title):
        votes.update({lab: TITLE_WEIGHT for lab in word_votes(title)})
    by_sent: dict[int, set[str]] = {}
    asserted: set[int] = set()  # sentences with a violent or coercive event
    for e in article.events:
        i = next((k for k, (s, t) in enumerate(spans) if s <= e.span[0] < t), None)
        if i is not None:
            by_sent.setdefault(i, set()).update(event_votes(e, article.text[e.span[0]:e.span[1]]))
            if e.type in ASSERTING:
                asserted.add(i)
    for i, (s, t) in enumerate(spans):
        weight = TITLE_WEIGHT if title and i == 0 and article.text.startswith(title) else 1
        got = by_sent.get(i, set())
        votes.update({lab: weight for lab in got})
        bare = word_votes(article.text[s:t]) - got
        w = weight if i in asserted else weight * BARE_WEIGHT
        votes.update({lab: w for lab in bare})
    return votes


def violation_types(article: Article) -> set[str]:
    """The HRDsAttack violation types the story reports; {"unknown"} when none."""
    votes = label_counts(article)
    out = {lab for lab, n in MIN_SENTENCES.items() if votes[lab] >= n}
    strong = sum(votes[lab] for lab in LABELS[:5])
    if strong < MIN_VOTES and strong < MIN_DENSITY * max(1, sum(1 for _ in sentences(article))):
        out = {"other"} if votes["other"] >= OTHER_ALONE else set()
    return out or {"unknown"}


def event_country(article: Article) -> str | None:
    """The country (ISO alpha-2) of the story's events: the most frequent among their places' countries, else the
    country the story's places name most often (mentions counted); None when no place has a country."""
    places = {p.id: p for p in article.places}
    by_event = Counter(places[e.place].country for e in article.events
                       if e.place in places and places[e.place].country)
    if by_event:
        return by_event.most_common(1)[0][0]
    by_mention: Counter[str] = Counter()
    for p in article.places:
        if p.country:
            by_mention[p.country] += max(1, len(p.mentions))
    return by_mention.most_common(1)[0][0] if by_mention else None


def event_city(article: Article) -> str | None:
    """The name of the local place (a city, district or first-level region; a city-state) the story's events most
    often happen in, else the one the story names most often; None when it names none."""
    local = {p.id: p for p in article.places
             if p.feature in LOCAL_FEATURES or (p.feature == "country" and p.country in CITY_STATES)}
    by_event = Counter(e.place for e in article.events if e.place in local)
    if by_event:
        return local[by_event.most_common(1)[0][0]].name
    if local:
        return max(local.values(), key=lambda p: len(p.mentions)).name
    return None

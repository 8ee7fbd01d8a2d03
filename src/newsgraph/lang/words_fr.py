"""French word tables, written from French grammar and wire-news usage (see tables.py for the fields)."""

from __future__ import annotations

import re

from .tables import Tables, words

# Speech verbs, written from French grammar: the lemmas news copy uses around a quote, inflected by rule (below)
# into the forms it writes: "a déclaré", "déclare-t-il", "déclarent", "déclarait", "déclara", "s'est exclamée",
# "a tenu à préciser". Regular -er verbs (the first group) are conjugated; the others are listed by hand.
_ER = words("""
déclarer affirmer ajouter expliquer souligner indiquer préciser estimer assurer marteler insister lancer confier
dénoncer annoncer raconter témoigner juger déplorer commenter résumer confirmer tonner fustiger regretter
indigner rétorquer répliquer réclamer exclamer plaider nuancer accuser saluer féliciter inquiéter détailler
noter observer relever remarquer constater avouer concéder ironiser protester clamer proclamer crier écrier
murmurer soupirer lâcher glisser trancher avancer arguer rapporter relater signaler mentionner
questionner répéter exhorter alerter alarmer étonner emporter insurger désoler enchaîner compléter corriger
rectifier raisonner considérer penser objecter nier contester réfuter souffler chuchoter hurler scander
asséner railler plaisanter tempêter pester agacer continuer demander implorer supplier tweeter expliciter
""")
# "interroger" only in the present ("s'interroge X"): "Interrogé par la radio, X ..." opens a sentence on X.
# Present forms that are more often nouns ("la note", "une demande", "la relève"): the other forms stay.
_NOUNS = words("note notent demande relève avance tranche souffle critique")
# Verbs of the other groups, and -er verbs whose stem doubles its consonant ("rappelle"), by hand; "savoir" and
# "valoir" for "a fait savoir", "a fait valoir".
_OTHER = words("""
dit dire disent disait disaient écrit écrire écrivent écrivait décrit décrire décrivent décrivait
reconnaît reconnait reconnaissent reconnu reconnue reconnaître reconnaissait admet admettent admis admise admettre
promet promettent promis promise promettre conclut concluent conclu conclue conclure concluait
poursuit poursuivent poursuivi poursuivie poursuivre poursuivait reprend reprennent repris reprendre
prévient préviennent prévenu prévenue prévenir soutient soutiennent soutenu soutenue soutenir soutenait
maintient maintenu maintenir répond répondent répondu répondue répondre répondait dément démentent démenti
démentir réagi réagit réagissent réagir réagissait averti avertit avertissent avertir avertissait renchéri
renchérit renchérir réjoui réjouie réjouit réjouir plaint plaindre sourit souri émeut ému émue
rappelle rappellent rappelé rappelée rappeler rappelait rappela interroge interrogent
savoir valoir
""")
_SOFT = {"c": "ç", "g": "ge"}  # before a or o: "lança", "interrogeait"


def _open_e(stem: str) -> str:
    """The stem before a silent ending: an e or é in the last syllable, before one consonant (and r or l),
    opens to è ("relève", "répète", "célèbre", "s'inquiète", "martèle")."""
    m = re.search(r"[eé]([^aeiouyéèêëàâîïôûù]{1,2})$", stem)
    if m is None or (len(m.group(1)) == 2 and m.group(1)[1] not in "rl"):
        return stem
    return stem[:m.start()] + "è" + m.group(1)


def _er_forms(lemma: str) -> set[str]:
    """A first-group verb's forms at a quote: the infinitive, il/ils present, the participle in its four
    agreements (a pronominal verb agrees with its subject: "s'est exclamée"), imperfect and passé simple."""
    stem = lemma[:-2]
    soft = stem[:-1] + _SOFT[stem[-1]] if stem[-1] in _SOFT else stem
    strong = _open_e(stem)
    forms = {lemma, strong + "e", strong + "ent", soft + "ait", soft + "aient", soft + "a", stem + "èrent"}
    return (forms | {stem + end for end in ("é", "ée", "és", "ées")}) - _NOUNS


_SPEECH = frozenset(set().union(*map(_er_forms, _ER)) | _OTHER)
_SPEECH_LEMMAS = _ER | words("""
dire écrire décrire reconnaître admettre promettre conclure poursuivre reprendre prévenir soutenir maintenir
répondre démentir réagir avertir renchérir réjouir plaindre sourire émouvoir rappeler
""")

_UNITS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    # "quatre-vingts" is four twenties: read as one word so that the adding parser needs no multiplying rule
    "quatre-vingt": 80, "quatre-vingts": 80, "cent": 100, "cents": 100,
}

TABLES = Tables(
    code="fr",
    speech_verbs=_SPEECH,
    speech_lemmas=_SPEECH_LEMMAS,
    according_to=("selon", "d'après", "d’après", "de l'avis de"),
    opening_according_to=("pour",),
    pronouns={"il": "m", "elle": "f", "ils": "p", "elles": "p"},
    quote_pairs=(("«", "»"), ("“", "”"), ('"', '"'), ("‹", "›")),
    dialogue_dash=False,
    units=_UNITS,
    scales={"mille": 1000, "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9},
    hundreds_multiply=words("cent cents"),
    joiners=words("et"),
    approx_nouns={"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
                  "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000},
    vague_nouns={"dizaines": 10, "douzaines": 12, "vingtaines": 20, "centaines": 100, "milliers": 1000,
                 "millions": 10**6},
    hedges=(
        (r"au\s+moins|pas\s+moins\s+de|au\s+minimum|un\s+minimum\s+de", "at_least"),
        (r"jusqu['’]à|au\s+plus|au\s+maximum", "at_most"),
        (r"plus\s+de|au-delà\s+de|davantage\s+que", "more_than"),
        (r"moins\s+de", "fewer_than"),
        (r"près\s+de|environ|quelque|quelques|presque|autour\s+de|approximativement|à\s+peu\s+près|"
         r"une\s+estimation\s+de|pratiquement", "about"),
    ),
    not_counts=words("""
    ans an années année mois jours jour heures heure minutes minute secondes semaines semaine h heures siècle
    km kilomètres kilomètre mètres mètre m kg tonnes tonne litres % pour pourcent euros euro dollars dollar
    francs fcfa ème e er degrés °c hectares kilos janvier février mars avril mai juin juillet août septembre
    octobre novembre décembre
    """),
    cues={
        # the verbs and nouns of a death: "tués", "ont succombé à leurs blessures", "mortellement blessés" (read
        # before "blessés": the first cue after a number wins), "meurent", "retrouvés sans vie", "massacrés";
        # "bilan" cues the toll told after it ("le bilan s'élève à 31"), never the word counted ("un bilan")
        "killed": r"tu(?:é|ée|és|ées)\b|tuant|mort(?:s|es)?\b|mortel(?:le)?s?\b|mortellement|décès|décéd|péri\b|"
                  r"périr|périssent|ont\s+péri|meurent|meurt\b|mourir|moururent|mourant|succomb|sans\s+vie|"
                  r"coûté\s+la\s+vie|trouvé\s+la\s+mort|(?:perdu|laissé)\s+la\s+vie|abattu(?:e|s|es)?|neutralis(?:é|és)\b|"
                  r"assassin(?:é|ée|és|ées)|exécut(?:é|ée|és|ées)|massacr(?:é|ée|és|ées)\b|égorg(?:é|ée|és|ées)|"
                  r"décapit(?:é|ée|és|ées)|lynch(?:é|ée|és|ées)|noy(?:é|ée|és|ées)|carbonis(?:é|ée|és|ées)|"
                  r"corps\b|bilan(?=\s)",
        "injured": r"bless(?:é|ée|és|ées)\b|blessant|blessures",
        "missing": r"disparu|disparus|disparues|portés?\s+disparus",
        "displaced": r"déplac(?:é|ée|és|ées)\b|réfugiés|évacu(?:é|ée|és|ées)\b|sans-abri|fui\b|fuient|ont\s+fui|sinistrés",
        "arrested": r"arrêt(?:é|ée|és|ées)\b|interpell(?:é|ée|és|ées)\b|interpellations|arrestations|"
                    r"gardes?\s+à\s+vue|écroué|écroués|détenus|placés?\s+en\s+détention",
        "kidnapped": r"enlev(?:é|ée|és|ées)\b|enlèvement|kidnapp(?:é|ée|és|ées)\b|otages|séquestr(?:é|ée|és|ées)\b",
        "protesters": r"manifestants|manifesté|ont\s+manifesté|protestataires|grévistes",
        "troops": r"soldats|militaires|troupes|combattants|policiers|gendarmes",
    },
    person_nouns=words("""
    policier soldat homme femme enfant civil manifestant passant gendarme militaire journaliste
    familles famille foyers
    personnes personne civils civil gens habitants villageois enfants femmes hommes soldats militaires policiers
    gendarmes manifestants passagers élèves étudiants fidèles morts blessés victimes membres agents migrants
    réfugiés détenus otages combattants jihadistes djihadistes rebelles suspects individus touristes ouvriers
    """),
    months={"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
            "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
            # agency datelines abbreviate: "PARIS, 3 janv (AFP)"
            "janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "déc": 12, "dec": 12},
    weekdays={"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6},
    relative_days={"aujourd'hui": 0, "aujourd’hui": 0, "hier": -1, "avant-hier": -2, "demain": 1,
                   "après-demain": 2, "la veille": -1, "ce matin": 0, "cette nuit": 0, "ce soir": 0},
    triggers={
        "ASSAULT": {
            "suicide-attack": r"kamikaze|attentat[- ]suicide|attentats[- ]suicides",
            "explosives": r"explosion|explosions|bombe|bombes|engin\s+explosif|voiture\s+piégée|mine|mines|"
                          r"ied|a\s+explosé|explosé",
            "aerial": r"frappe\s+aérienne|frappes\s+aériennes|raid\s+aérien|drone|drones|bombardement\s+aérien",
            "heavy-weapons": r"obus|roquettes?|missiles?|tirs\s+d['’]artillerie|bombardements?|pilonnage",
            "firearms": r"fusillade|fusillades|tiré|tirs|ont\s+ouvert\s+le\s+feu|par\s+balles|abattu|abattus",
            "abduct": r"enlèvement|enlevé|enlevés|kidnapping|kidnappé|kidnappés|pris\s+en\s+otage",
            "clash": r"affrontements?|combats|accrochages?|se\s+sont\s+affrontés",
            "": r"attaque|attaques|attaqué|attaquée|attentat|attentats|assaut|embuscade|massacre|massacres|"
                r"massacrés?|massacrées?|tuerie|tué|tués|tuées|tuant|assassiné|assassinat|poignardé|agression|agressé|"
                r"égorgée?s?|décapitée?s?|lynchée?s?",
        },
        "PROTEST": {
            "riot": r"émeutes?|émeutiers|violences\s+urbaines|saccagé",
            "strike": r"grève|grèves|grévistes",
            "demo": r"manifestation|manifestations|manifestants|ont\s+manifesté|manifesté|rassemblement|"
                    r"rassemblements|marche|marché\s+dans\s+les\s+rues|protestation|protestations|sit-in",
        },
        "COERCE": {
            "arrest": r"arrêté|arrêtés|arrêtée|arrêtées|arrestation|arrestations|interpellé|interpellés|"
                      r"interpellée|interpellation|interpellations|garde\s+à\s+vue|écroué|écroués|mis\s+en\s+examen",
        },
    },
    negations=words("pas ni jamais aucun aucune sans"),
    future_re=r"\b(?:appell?ent?\s+à|appelé\s+à|préparer|préparaient|projetaient|déjoué|déjouée|prévoi[te]n?t?|envisage|menac[ée]n?t?\s+de|va|vont|pourrai[te]n?t?|"
              r"devrai[te]n?t?|projet|risque\s+de)\b",
    # one person killed, told by the verb of the death: "a été tué", "est morte", "a succombé", "a perdu la vie",
    # "est décédé", "poignardé à mort", "mortellement blessé", "retrouvé sans vie"
    killed_one_re=r"\ba\s+été\s+(?:tuée?|abattue?|assassinée?|exécutée?|égorgée?|décapitée?|lynchée?)\b|"
                  r"\best\s+morte?\b|\best\s+décédée?\b|\ba\s+(?:succombé|péri)\b|\ba\s+(?:perdu\s+la\s+vie|"
                  r"trouvé\s+la\s+mort)\b|\b(?:poignardée?|battue?|frappée?)\s+à\s+mort\b|"
                  r"\bmortellement\s+(?:blessée?|touchée?|poignardée?)\b|\bretrouvée?\s+(?:morte?|sans\s+vie)\b",
    accident_re=r"\b(?:accident\w*|accidentel\w*|fuite\s+de\s+gaz|gazoduc|canalisation|usine|raffinerie|"
                r"mine\s+d['’]or|mine\s+de\s+charbon|site\s+d['’]orpaillage|feux\s+d['’]artifice|court-circuit)\b",
    armed_targets=words("""
    soldats militaires armée troupes policiers gendarmes forces base camp poste patrouille convoi rebelles
    jihadistes djihadistes combattants miliciens garnison
    """),
    titles=words("""
    m. mme mlle me maître monsieur madame président présidente ministre premier chef porte-parole général colonel
    maire député sénateur juge docteur dr pr professeur l'ancien ancien secrétaire
    """),
    exonyms={"poutine": "Putin", "vladimir poutine": "Vladimir Putin", "netanyahou": "Netanyahu",
             "benyamin netanyahou": "Benjamin Netanyahu", "zelensky": "Zelensky",
             "volodymyr zelensky": "Volodymyr Zelensky", "khamenei": "Khamenei", "erdogan": "Erdogan",
             "lavrov": "Lavrov", "sergueï lavrov": "Sergei Lavrov", "choïgou": "Shoigu", "sergueï choïgou": "Sergei Shoigu",
             "medvedev": "Medvedev", "dmitri medvedev": "Dmitry Medvedev", "navalny": "Navalny",
             "alexeï navalny": "Alexei Navalny", "xi jinping": "Xi Jinping", "kim jong-un": "Kim Jong Un"},
    country_names={"états-unis": "US", "etats-unis": "US", "russie": "RU", "syrie": "SY", "iran": "IR",
                   "corée du sud": "KR", "corée du nord": "KP", "royaume-uni": "GB", "grande-bretagne": "GB",
                   "rd congo": "CD", "rdc": "CD", "république démocratique du congo": "CD", "palestine": "PS",
                   "cisjordanie": "PS", "bande de gaza": "PS", "côte d'ivoire": "CI",
                   "côte d’ivoire": "CI", "pays-bas": "NL", "birmanie": "MM", "tchad": "TD", "niger": "NE",
                   "burkina faso": "BF", "centrafrique": "CF", "soudan du sud": "SS", "taïwan": "TW",
                   "vietnam": "VN", "bolivie": "BO", "venezuela": "VE", "moldavie": "MD", "turquie": "TR"},
)

"""What glued-word repair knows of each language it serves: English, French, Spanish and Russian.

A Lexicon holds a language's word frequencies (wordfreq's list for the language, loaded once per process),
its token pattern, and the closed classes clean/glue.py's features test: function words (articles,
prepositions, pronouns, auxiliaries, conjunctions, particles; written from each language's grammar, not from
a data set), common words that are also name endings, word-forming affixes, inflectional endings and vowels.
English keeps the lists and patterns the English model (data/clean_glue.json) was trained with; the other
languages' features mean the same things measured against their own lists (data/clean_glue_lang.json).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .words import _table

WHOLE_MAX = 1e-7  # a token this common as a whole (zipf 2) is a word; also the floor of the shape counts


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


@dataclass(frozen=True, eq=False)
class Lexicon:
    code: str
    token: re.Pattern[str]  # a candidate token: letters ending in a lowercase letter, not inside an address
    word: re.Pattern[str]  # a word, as doc_counts counts them
    function: frozenset[str]  # closed-class words
    common: tuple[str, ...]  # the commonest words: their share of a text says it is prose in this language
    name_endings: frozenset[str]  # common words that are also common ends of names
    suffixes: frozenset[str]  # word-forming suffixes that are words
    prefixes: frozenset[str]  # word-forming prefixes
    inflections: tuple[tuple[int, str], ...]  # (code, ending): 1 participle, 2 gerund, 3 plural, 4 adverb
    vowels: str
    singles: frozenset[str]  # one-letter words a token may end on after a name ("Moscoua": "a")
    cyrillic: bool = False  # the language's script; a token with no letter of it is another language's word
    _shapes: list[tuple[Counter[str], Counter[str]]] = field(default_factory=list, repr=False)

    def table(self) -> dict[str, float]:
        return _table() if self.code == "en" else _lang_table(self.code)

    def freq(self, word: str) -> float:
        return self.table().get(word.lower().replace("’", "'"), 0.0)

    def shapes(self) -> tuple[Counter[str], Counter[str]]:
        """Over the language's words (zipf >= 2): how many end with each string of 2-7 letters, and how many
        contain each 4 letters. A split where many words end with the right half ("-on" in "Topicon") or whose
        4 letters across the cut are common inside words ("icon") is likelier a word; "Koreaand" is not."""
        if not self._shapes:
            ends: Counter[str] = Counter()
            grams: Counter[str] = Counter()
            for w, f in self.table().items():
                if f < WHOLE_MAX or not w.isalpha():
                    continue
                for k in range(2, min(8, len(w) - 1)):
                    ends[w[-k:]] += 1
                for i in range(len(w) - 3):
                    grams[w[i:i + 4]] += 1
            self._shapes.append((ends, grams))
        return self._shapes[0]


@lru_cache(maxsize=4)
def _lang_table(code: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict(code)


# English (the patterns and lists data/clean_glue.json was trained with).
# A word of letters (an apostrophe allowed for "isn't") ending in lowercase: the right half of a glue is the
# next word, which is lowercase. Not inside an address, handle or domain ("softwareadvice.com"), nor a call in
# code ("nameof("). The last part of a hyphenated or dotted word is one: a link's text may be "push-ups" or
# "Booking.com", run into the next word ("push-upswith", "Booking.comhad"). 24 / 9 / 19 of lines_eval's train /
# tune / test run-together glues were hyphenated, 15 / 8 / 7 dotted (runs glue repaired .840/.844/.789 ->
# .852/.847/.797 with hyphens, glue.position reading such a part where its whole word stands; .856/.852/.800
# with dots too), while glue_eval's clean text got no more false splits (1 and 8 in 724k and 756k words).
_EN_TOKEN = re.compile(r"(?:(?<=[A-Za-z][-.])|(?<![\w’'@#/.-]))[A-Za-z]*[a-z](?:[’'][a-z]+)?(?![\w’'@/(\[-]|\.\w)")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z’']*")
ENGLISH = Lexicon(
    "en", _EN_TOKEN, _EN_WORD,
    # Closed-class English words: after a link's text the next word is often one of these, while the second
    # part of a closed compound or a brand rarely is; and a link's text seldom ends on one ("Sheon").
    _words("a an the and or but nor so yet if as at by for from in into of off on onto out over to up upon via "
           "with about above after against along among around before behind below between beyond despite during "
           "except inside near since than through toward towards under until within without is isn't was wasn't "
           "are aren't were weren't be been being am has hasn't have haven't had hadn't do does doesn't did didn't "
           "will won't would wouldn't shall should shouldn't can can't cannot could couldn't may might must it its "
           "this that these those he him his she her hers they them their we us our you your who whom whose which "
           "what when where why how said says also not no all any both each every some such there here then now "
           "just only even still already"),
    ("the", "and", "of", "to", "a", "in", "is", "that", "for", "it", "with", "on", "as", "was", "are"),
    # Common words that are also common endings of names and brands ("Sonicare", "Budlong", "Elementor"), and
    # English suffixes that happen to be words ("Deskless"): a feature, since names glued to "in" or "and" occur.
    _words("are ere ore ire or er en an in on un a e o i y ly ty man men son ton land line long back way well "
           "ville town ford field wood worth ham ley dale burg berg stein ware works soft net link point care "
           "book books hub lab labs box go one all out up lot less ness ful ship hood wise ward wards like"),
    # Word-forming suffixes and prefixes that are words or common parts ("Explainability", "Prearrange",
    # "electromobility"): a split there breaks a derived word.
    _words("able ability ably ible age ages ance ant ants ate ates ation ations ion ions ism isms ist ists ity ive "
           "ives ize izes ized ise ises ised ment ments ness some ster sters dom let lets ling lings ology"),
    _words("pre re un non anti over under electro micro multi bio eco geo auto co de dis mis sub super inter "
           "trans semi mid post cyber hyper mega mini neo pro pseudo tele ultra out up down counter extra infra "
           "intra macro meta mono poly photo thermo hydro aero agro nano tri uni"),
    ((1, "ed"), (2, "ing"), (4, "ly"), (3, "s")),
    "aeiouy",
    frozenset({"a"}),
)

# French, Spanish, Russian: letters with accents and Cyrillic. French elides an article or a pronoun onto
# the next word ("l’Élysée", "d’Abidjan", "qu’il"): the token may follow such an elision, which doc_counts
# counts as a word of its own.
_UPPER = "A-ZÀ-ÖØ-ÞŒА-ЯЁ"
_LOWER = "a-zß-öø-ÿœа-яё"
_LETTER = _UPPER + _LOWER
_ELISION = r"(?<=\b[dlnjmstcDLNJMSTC][’'])|(?<=\b[Qq]u[’'])|(?<=\b[Jj]usqu[’'])|(?<=\b[Ll]orsqu[’'])"
_UNI_TOKEN = re.compile(rf"(?:{_ELISION}|(?<![\w’'@#/.-]))[{_LETTER}]*[{_LOWER}](?![\w’'@/(\[-]|\.\w)")
_UNI_WORD = re.compile(rf"[{_LETTER}]+")

FRENCH = Lexicon(
    "fr", _UNI_TOKEN, _UNI_WORD,
    # Articles, prepositions (and their contractions), pronouns, conjunctions, the auxiliaries être and avoir
    # and the commonest modal forms.
    _words("le la les un une des du au aux de à en dans par pour sur sous avec sans chez vers entre contre "
           "depuis pendant selon après avant malgré parmi et ou mais donc or ni car que qui quoi dont où si "
           "comme quand lorsque puisque il elle ils elles on nous vous je tu me te se lui leur leurs eux ce cet "
           "cette ces son sa ses mon ma mes ton ta tes notre nos votre vos y ne pas plus est sont était étaient "
           "été être sera seront serait a ont avait avaient aura auront aurait ai as avons avez fut peut "
           "peuvent pourrait doit doivent a-t-il a-t-elle aussi déjà encore très tout tous toute toutes"),
    ("de", "la", "le", "et", "les", "des", "en", "un", "du", "une", "que", "est", "pour", "qui", "dans"),
    _words("ville mont court bourg val vert fort champ mer lac bois pont port roche pierre font ton son on an "
           "in en er ard et ot eau aux y o a e i"),
    _words("ment ments tion tions sion able ables ible isme iste istes ité ités eur eurs euse euses age ages "
           "ance ence ier ière iers ières aire aires ique iques ette ettes ure ures"),
    _words("anti auto co contre dé dés dis extra hyper inter intra micro multi non post pré pro re ré sous "
           "super sur télé trans ultra méga mini néo bio éco géo aéro agro hydro macro mono poly semi pseudo crypto"),
    ((1, "ées"), (1, "és"), (1, "ée"), (1, "é"), (2, "ant"), (4, "ment"), (3, "s"), (3, "x")),
    "aeiouyàâäéèêëîïôöùûüÿœ",
    frozenset({"a", "à", "y"}),
)

SPANISH = Lexicon(
    "es", _UNI_TOKEN, _UNI_WORD,
    # Articles and contractions, prepositions, pronouns (subject, object, possessive, demonstrative),
    # conjunctions, and the auxiliaries haber, ser and estar in their commonest forms.
    _words("el la los las lo un una unos unas al del de a en con por para sin sobre entre hasta desde hacia "
           "contra según tras ante bajo durante y e o u ni pero sino que quien quienes cual cuales cuyo donde "
           "cuando como si porque aunque él ella ellos ellas usted ustedes nosotros vosotros yo tú me te se le "
           "les nos os su sus mi mis tu tus nuestro nuestra este esta estos estas ese esa esos esas aquel no "
           "es son era eran fue fueron ser sido será serían está están estaba estaban estar ha han había "
           "habían habrá hay he has hemos puede pueden debe deben también ya muy más todo todos toda todas"),
    ("de", "la", "que", "el", "en", "y", "a", "los", "del", "se", "las", "por", "un", "para", "con"),
    _words("ez es os as a o e i y in an on er al ar el ia io ville cruz mar monte río val sol san santa"),
    _words("mente ción ciones sión dad dades idad ismo ista istas able ible ero era eros eras ería miento "
           "mientos anza encia ancia dor dora dores oso osa ura"),
    _words("anti auto co contra des dis extra hiper inter intra micro multi no pos post pre pro re sobre sub "
           "super tele trans ultra mega mini neo bio eco geo aero agro hidro macro mono poli semi seudo pseudo meta"),
    ((1, "ados"), (1, "adas"), (1, "idos"), (1, "idas"), (1, "ado"), (1, "ada"), (1, "ido"), (1, "ida"),
     (2, "ando"), (2, "iendo"), (4, "mente"), (3, "s")),
    "aeiouáéíóúü",
    frozenset({"a", "y", "o", "e", "u"}),
)

RUSSIAN = Lexicon(
    "ru", _UNI_TOKEN, _UNI_WORD,
    # Prepositions, conjunctions, particles, personal, possessive and demonstrative pronouns, and the forms
    # of быть and the commonest modal words.
    _words("в во на с со к ко по о об обо от до из изо за под над при про для без через между перед после "
           "около у и а но или да ни что чтобы как когда где если хотя потому так также тоже же ли бы не ни "
           "уже ещё еще лишь только даже вот вон это этот эта эти этого этой этих тот та те того той тех "
           "он она оно они его её ее их ему ей им ими него неё нее них нему ней я ты мы вы меня тебя нас вас "
           "мне тебе нам вам себя себе свой своя своё свои своего своей который которая которое которые "
           "которого которой был была было были быть будет будут есть может могут можно нужно надо "
           "сказал сказала заявил заявила весь вся всё все всех"),
    ("и", "в", "не", "на", "что", "с", "по", "он", "как", "к", "это", "а", "из", "о", "за"),
    _words("ов ова ев ева ин ина ский ская град город поль бург ск а я о е и"),
    _words("ость ости ство ства ствие ние ния ник ники тель тели ист исты изм ка ки ок"),
    # Verbal and nominal prefixes, many of them prepositions too ("подкоманды", "предвыборный").
    _words("под над об от до вы за на по из вз воз низ анти авто контр пере пред при раз рас без вне "
           "гипер интер микро мульти не пост про сверх супер "
           "теле транс ультра мега мини нео био эко гео аэро агро гидро макро моно поли полу псевдо видео "
           "много мало высоко само"),
    # 1 past tense (its participle's role in the other languages), 2 participles and gerunds, 3 plural
    # adjective endings, 4 adverbs of manner.
    ((1, "ал"), (1, "ала"), (1, "али"), (1, "ил"), (1, "ила"), (1, "или"), (1, "ел"), (1, "ела"),
     (2, "ющий"), (2, "ющая"), (2, "вший"), (2, "вшая"), (2, "ащий"), (2, "вшись"),
     (3, "ые"), (3, "ие"), (4, "ски")),
    "аеёиоуыэюя",
    frozenset({"и", "в", "с", "к", "о", "у", "а"}),
    cyrillic=True,
)

LEXICONS: dict[str, Lexicon] = {lx.code: lx for lx in (ENGLISH, FRENCH, SPANISH, RUSSIAN)}
LANGS = ("fr", "es", "ru")  # the languages besides English with a word list and a model
# The languages whose documents get glued words repaired. Russian has a word list and thresholds but is not
# repaired: trained on texts whose licences can be shipped together (benchmarks/glue_langs.py NOT_TRAINED_ON),
# its measure part got 3.18 false splits per 100,000 words (10 in 314,564; its news alone 1 in 8,404) for
# recall .32, against the one in 100,000. Measured by benchmarks/glue_eval.py, not gated.
REPAIRED = frozenset({"en", "fr", "es"})


def in_script(lx: Lexicon, token: str) -> bool:
    """Whether the token has a letter of the language's script: in a Russian text a Latin token is a quoted
    name or English word ("Filesystem") the Russian list knows nothing of; in French or Spanish a
    Cyrillic one is a quoted Russian word."""
    return any(("\u0400" <= c <= "\u04ff") == lx.cyrillic for c in token)


def inflection(lx: Lexicon, word: str) -> float:
    """The code of the word's inflectional ending (Lexicon.inflections), 0 for none. A closed compound seldom
    starts with an inflected word ("scoresincreased", "reportedthat" are glue), and the word after a link is
    often a verb or an adverb."""
    for code, end in lx.inflections:
        if word.endswith(end) and len(word) > len(end) + 2:
            return float(code)
    return 0.0

"""Names in one spelling across languages, so that the store links "Путин", "Poutine" and "Putin".

store/entity_links.py keys a person by their name with case and accents aside, and joins a lone surname to
the one full name in the store that ends with it. A Russian story's "Владимира Путина" therefore has to be
written the way English news writes it before the store sees it: natasha gives the nominative ("Владимир
Путин"), `latin` transliterates it with the conventions of English-language wires (the BGN/PCGN system
simplified as the agencies use it: "й" after a vowel is "i" as in Sergei, the adjectival ending "-ий"/"-ый"
is "-y" as in Zelensky and Navalny, "е" opening a word or after a vowel is "ye" as in Yeltsin), and a
language's exonym table (words_xx.py) overrides the few names whose English spelling no rule gives
("Кличко" -> Klitschko, French "Poutine" -> Putin).
"""

from __future__ import annotations

from .tables import Tables

_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
    # Ukrainian and Belarusian letters met in names quoted in Russian copy
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "w",
}
_VOWELS = set("аеёиоуыэюяіїє")


def _letter(low: str, i: int) -> str:
    ch = low[i]
    prev = low[i - 1] if i else ""
    nxt = low[i + 1] if i + 1 < len(low) else ""
    end = i + 1 == len(low)
    if ch in "иы" and nxt == "й" and i + 2 == len(low):
        return "i" if low in _FIRST_I else "y"  # -ий / -ый: Zelensky, Navalny; but Yuri, Vitali
    if ch == "й":
        if end and prev in "иы":
            return ""
        return "i" if prev in _VOWELS else "y"  # Sergei, Alexei; Yakov
    if ch == "е" and (not prev or prev in _VOWELS or prev in "ъь"):
        return "ye"  # Yeltsin, Yevgeny, Dmitriyev
    if ch == "ё":
        return "e" if prev in "жчшщ" else "yo"  # Gorbachev, Khrushchev; Fyodor, Pyotr
    if ch == "ь" and nxt in ("е", "ё", "ю", "я", "и"):
        return "y" if nxt == "и" else ""  # Ilyin; the vowel after it brings its own y (Vasilyev)
    return _LETTERS.get(ch, ch)


# Russian first names as English-language wires spell them, where the rule gives another spelling
# ("Алексей" -> Aleksei by the rule, Alexei in the news).
FIRST_NAMES = {
    "александр": "Alexander", "алексей": "Alexei", "мария": "Maria", "юлия": "Yulia", "наталья": "Natalia",
    "татьяна": "Tatiana", "ксения": "Ksenia", "дарья": "Daria", "анастасия": "Anastasia", "виктория": "Victoria",
    "екатерина": "Yekaterina", "евгения": "Yevgenia", "илья": "Ilya", "николай": "Nikolai", "андрей": "Andrei",
    "матвей": "Matvei", "максим": "Maxim", "тимофей": "Timofei", "алексеевич": "Alexeyevich",
}


def _word(word: str) -> str:
    low = word.lower()
    if low in FIRST_NAMES:
        return _case_like(word, FIRST_NAMES[low])
    return _case_like(word, "".join(_letter(low, i) for i in range(len(low))))


# Russian first names in -ий that English news spells -i (Yuri, Vitali).
_FIRST_I = {"юрий", "георгий", "валерий", "виталий", "анатолий", "геннадий", "аркадий", "григорий"}


def _case_like(src: str, out: str) -> str:
    if not out:
        return out
    if src.isupper() and len(src) > 1:
        return out.upper()
    if src[:1].isupper():
        return out[:1].upper() + out[1:]
    return out


def has_cyrillic(s: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in s)


def latin(name: str) -> str:
    """A Cyrillic name in the Latin spelling of English news ("Сергей Шойгу" -> "Sergei Shoygu"); other
    text as it is."""
    if not has_cyrillic(name):
        return name
    parts = name.replace("-", " - ").split(" ")
    return " ".join(_word(p) if p != "-" else p for p in parts).replace(" - ", "-")


def person_name(name: str, tables: Tables) -> str:
    """The canonical spelling of a person's name for the store: the exonym table's, else the Latin spelling
    of a Cyrillic name, else the name as written. A full name not in the table is spelt word by word, so
    that "Vladimir Poutine" takes "Putin" from the table's "poutine"."""
    key = " ".join(name.lower().split())
    if key in tables.exonyms:
        return tables.exonyms[key]
    words = name.split()
    out = [tables.exonyms.get(w.lower(), latin(w)) for w in words]
    return " ".join(out)

"""A simple sentiment flag for Polish comments: words and word stems that lean positive or negative.

Each word that starts with a listed stem (or is a listed word) counts +1 or -1,
each listed phrase too; "nie", "bez" or "ani" up to two words before a counted
word flips its sign ("nie polecam"). A positive sum is positive, a negative one
negative, zero neutral. Words are compared without case and diacritics. It is a
hint for sorting the inbox, not a judgement: people correct it on the item.
"""

from plugins.engage.words import tokens


class Sentiment:
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


POSITIVE_STEMS = (
    "dzieku",  # dziękuję, dziękujemy
    "dzieki",
    "podziekowa",
    "brawo",
    "gratul",
    "super",
    "swietn",
    "wspanial",
    "doskonal",
    "znakomic",
    "rewelac",
    "fajn",
    "piekn",
    "polecam",
    "ciesz",
    "zadowol",
    "pomocn",
    "sprawni",
    "uprzejm",
    "profesjonaln",
)
POSITIVE_WORDS = frozenset({"dobrze", "extra", "ekstra", "top", "mistrzostwo"})
POSITIVE_PHRASES = ("dobra robota", "dobra decyzja", "kawal dobrej")

NEGATIVE_STEMS = (
    "skandal",
    "zenad",
    "zenuj",
    "wstyd",
    "fataln",
    "tragedi",
    "tragiczn",
    "okropn",
    "straszn",
    "beznadz",
    "kpin",
    "zlodziej",
    "oszust",
    "klamst",
    "klamca",
    "niekompetent",
    "nieudol",
    "porazk",
    "absurd",
    "bubel",
    "masakr",
    "koszmar",
    "najgorsz",
    "smrod",
    "oburz",
    "zawiedz",
    "rozczarow",
    "idioty",
    "idiotyz",
    "hanieb",
    "paranoj",
)
NEGATIVE_WORDS = frozenset({"zle", "zly", "zla", "zlo", "gorzej", "syf", "zenada", "dno", "bzdura", "bzdury"})
NEGATIVE_PHRASES = ("nie dziala", "nie da sie", "do niczego", "do bani")

NEGATIONS = frozenset({"nie", "bez", "ani"})
#: How many words after a negation it still flips.
NEGATION_REACH = 2


def _sign(word):
    if word in POSITIVE_WORDS or word.startswith(POSITIVE_STEMS):
        return 1
    if word in NEGATIVE_WORDS or word.startswith(NEGATIVE_STEMS):
        return -1
    return 0


def score(text):
    """The sum of the signs of ``text``'s words and phrases (see the module's docstring)."""
    words = tokens(text)
    padded = f" {' '.join(words)} "
    total = sum(padded.count(f" {phrase} ") for phrase in POSITIVE_PHRASES)
    total -= sum(padded.count(f" {phrase} ") for phrase in NEGATIVE_PHRASES)
    reach = 0
    for word in words:
        if word in NEGATIONS:
            reach = NEGATION_REACH
            continue
        sign = _sign(word)
        if reach:
            reach = 0 if sign else reach - 1
            sign = -sign
        total += sign
    return total


def classify(text):
    """``"positive"``, ``"neutral"`` or ``"negative"`` for ``text``."""
    value = score(text)
    if value > 0:
        return Sentiment.POSITIVE
    if value < 0:
        return Sentiment.NEGATIVE
    return Sentiment.NEUTRAL

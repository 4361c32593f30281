"""Words of a Polish text as the matchers compare them: lower case, without diacritics."""

import re
import unicodedata

_WORD = re.compile(r"\w+")
#: Letters that Unicode does not decompose into a base letter and a mark.
_PLAIN = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "ß": "ss"})


def normalise(text):
    """``text`` case-folded, with diacritics removed: "Żółć" -> "zolc"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokens(text):
    """The words of ``text``, normalised, in order (digits count as words; punctuation does not)."""
    return [word for word in _WORD.findall(normalise(text)) if not word.isdigit() or len(word) > 1]

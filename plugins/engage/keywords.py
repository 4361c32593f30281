"""Keyword alerts: which watch words a text contains.

Matching ignores case and diacritics and compares whole words: "awaria" is found
in "AWARIA wody!" but not in "awariat". A watch word with inflection on also
matches the word's other forms: its stem (the word less a common Polish ending,
keeping at least four letters) must start the word in the text, so "awaria"
finds "awarii" and "awarią", and "wypadek" finds "wypadku". A phrase matches
its words in a row, each word by the same rule.
"""

from plugins.engage.words import tokens

#: Endings cut off to find a stem, longest first.
ENDINGS = tuple(
    sorted(
        (
            "ami", "ach", "ego", "emu", "owi", "iem", "iej", "ich", "ymi", "imi", "om", "ow", "ek", "ie",
            "ii", "ia", "ej", "em", "a", "e", "i", "o", "u", "y",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip
MIN_STEM = 4


def stem(word):
    """``word`` (normalised) less its longest listed ending, if at least MIN_STEM letters stay."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


class Pattern:
    """One watch word or phrase, ready to match."""

    def __init__(self, text, inflected=False):
        self.text = text
        self.inflected = inflected
        self.parts = [stem(word) if inflected else word for word in tokens(text)]

    def _matches_word(self, part, word):
        return word.startswith(part) if self.inflected else word == part

    def found_in(self, words):
        size = len(self.parts)
        if not size:
            return False
        return any(
            all(
                self._matches_word(part, word)
                for part, word in zip(self.parts, words[i : i + size], strict=True)
            )
            for i in range(len(words) - size + 1)
        )


def matched(text, watch_words):
    """The watch words (objects with ``word`` and ``inflected``) found in ``text``, as their own spelling."""
    words = tokens(text)
    return [w.word for w in watch_words if Pattern(w.word, w.inflected).found_in(words)]

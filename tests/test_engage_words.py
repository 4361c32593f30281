"""The inbox's word matchers: the Polish sentiment flag and watch words (case, diacritics, whole words,
inflected forms, phrases)."""

from types import SimpleNamespace

import pytest

from plugins.engage import keywords, sentiment
from plugins.engage.words import normalise, tokens


def test_words_are_compared_without_case_and_diacritics():
    assert normalise("ŻÓŁĆ Gęślą Jaźń") == "zolc gesla jazn"
    assert tokens("Awaria! Wody, na ul. Łąkowej 12.") == ["awaria", "wody", "na", "ul", "lakowej", "12"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dziękuję za szybką informację!", "positive"),
        ("Brawo, świetna robota – dobra robota!", "positive"),
        ("To jest skandal. Żenada!", "negative"),
        ("Znowu nie działa, do niczego.", "negative"),
        ("Nie polecam tej zmiany", "negative"),
        ("Nie jest źle", "positive"),
        ("Dzień dobry, kiedy skończy się remont?", "neutral"),
        ("Zlecenie zostało przyjęte", "neutral"),  # "zle" is a whole word, not the start of one
        ("", "neutral"),
    ],
)
def test_sentiment(text, expected):
    assert sentiment.classify(text) == expected


def words(*entries):
    return [SimpleNamespace(word=word, inflected=inflected) for word, inflected in entries]


def test_watch_words_match_whole_words_regardless_of_case_and_diacritics():
    watch = words(("awaria", False), ("pożar", False))
    assert keywords.matched("AWARIA wody", watch) == ["awaria"]
    assert keywords.matched("Pozar przy szkole", watch) == ["pożar"]
    assert keywords.matched("awariat", watch) == []
    assert keywords.matched("awarii wody", watch) == []  # not inflected: the word as written only


def test_inflected_watch_words_find_other_forms_by_their_stem():
    watch = words(("awaria", True), ("wypadek", True), ("skandal", True))
    assert keywords.stem("awaria") == "awar" and keywords.stem("wypadek") == "wypad"
    assert keywords.matched("Kolejna awarią w tym tygodniu", watch) == ["awaria"]
    assert keywords.matched("Po awarii nie ma wody", watch) == ["awaria"]
    assert keywords.matched("Był wypadku na rondzie", watch) == ["wypadek"]
    assert keywords.matched("To skandaliczne!", watch) == ["skandal"]
    assert keywords.matched("Nawara", watch) == []  # the stem must start the word
    assert keywords.stem("wody") == "wody"  # too short to cut


def test_phrases_match_their_words_in_a_row():
    watch = words(("brak wody", True))
    assert keywords.matched("Brak wody na Lipowej", watch) == ["brak wody"]
    assert keywords.matched("Od rana BRAKUJE WODY", watch) == ["brak wody"]  # each word by its stem
    assert keywords.matched("Braki w dostawach wody", watch) == []
    assert keywords.matched("wody brak", watch) == []

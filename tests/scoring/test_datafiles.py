"""Shipped data files: word lists read from TOML, with errors that name the file and line."""

from __future__ import annotations

import tomllib

import pytest

from tension.scoring.datafiles import (
    DataFileError,
    Reporter,
    data_toml,
    parse_toml,
    word_list,
    words,
)


def _words(text: str, table: str, key: str) -> tuple[str, ...]:
    return word_list(tomllib.loads(text), table, key, Reporter(text, "x.toml", DataFileError))


@pytest.mark.parametrize(
    ("text", "table", "key", "expected"),
    [
        ('[t]\nk = ["a", "b c"]\n', "t", "k", ("a", "b c")),
        ('k = ["a"]\n[t]\nk = ["b"]\n', "", "k", ("a",)),
        ('k = ["a"]\n[t]\nk = ["b"]\n', "t", "k", ("b",)),
        ('[t]\n"k" = ["a", "a"]\n', "t", "k", ("a", "a")),  # file order, as written
    ],
)
def test_word_lists_are_read_in_file_order(
    text: str, table: str, key: str, expected: tuple[str, ...]
) -> None:
    assert _words(text, table, key) == expected


@pytest.mark.parametrize(
    ("text", "table", "key", "message"),
    [
        ('[t]\nk = "a"\n', "t", "k", "x.toml line 2: t.k must be a list of words"),
        ('[t]\nk = ["a", " "]\n', "t", "k", "x.toml line 2: t.k must be a list of words"),
        ("[t]\nk = [1]\n", "t", "k", "x.toml line 2: t.k must be a list of words"),
        ("# c\n[t]\nother = []\n", "t", "k", "x.toml line 2: t.k must be a list of words"),
        ("k = 3\n", "", "k", "x.toml line 1: k must be a list of words"),
        ('k = ["a"]\n', "t", "k", "x.toml: t.k must be a list of words"),
        ("t = 1\n", "t", "k", "x.toml: t.k must be a list of words"),
    ],
)
def test_a_bad_word_list_names_file_and_line(text: str, table: str, key: str, message: str) -> None:
    with pytest.raises(DataFileError) as err:
        _words(text, table, key)
    assert str(err.value) == message


def test_a_toml_syntax_error_names_file_and_line() -> None:
    with pytest.raises(DataFileError, match=r"^x\.toml line 3: .*\(column \d+\)$"):
        parse_toml('[t]\nk = ["a"]\nbroken = \n', "x.toml", DataFileError)
    with pytest.raises(DataFileError, match=r"^x\.toml line 2: "):
        parse_toml('[t]\nk = ["a"', "x.toml", DataFileError)


# Every word list the package reads that was once written in code: none empty, none repeats
# a word (a repeated word is a sign of a list edited in two places).
_LISTS = [
    ("countries.toml", "person_like", "names"),
    ("countries.toml", "person_like", "after_ok"),
    ("countries.toml", "person_like", "before_ok"),
    ("countries.toml", "titles", "words"),
    ("countries.toml", "us_states", "names"),
    ("countries.toml", "us_states", "context"),
    ("countries.toml", "common_words", "names"),
    ("speech.toml", "", "verbs"),
    ("speech.toml", "inverted", "verbs"),
    ("speech.toml", "bodies", "words"),
    ("speech.toml", "bodies", "offices"),
    ("speech.toml", "person_titles", "words"),
    ("sentences.toml", "abbreviations", "lower"),
    ("sentences.toml", "abbreviations", "titles"),
    ("sentences.toml", "abbreviations", "countries"),
    ("sentences.toml", "noun_phrase", "continues"),
]


@pytest.mark.parametrize(("name", "table", "key"), _LISTS)
def test_shipped_word_lists_are_sets_of_words(name: str, table: str, key: str) -> None:
    found = words(name, table, key)
    assert found
    repeated = sorted({w for w in found if found.count(w) > 1})
    assert not repeated, f"{name} [{table}] {key} repeats {repeated}"


def test_related_lists_agree() -> None:
    verbs = set(words("speech.toml", "", "verbs"))
    assert set(words("speech.toml", "inverted", "verbs")) <= verbs  # an inverted verb is a verb
    assert set(words("speech.toml", "bodies", "offices")) <= set(
        words("speech.toml", "bodies", "words")
    )
    # the common words are lower-case forms of country words that are ordinary words
    assert all(w == w.lower() for w in words("countries.toml", "common_words", "names"))
    assert set(words("countries.toml", "us_states", "names")) <= set(
        words("countries.toml", "person_like", "names")
    )


def test_shipped_files_are_parsed_once() -> None:
    assert data_toml("speech.toml") is data_toml("speech.toml")

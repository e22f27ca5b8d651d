"""Regular English inflections of verbs and plurals of nouns, for building word lists.

The CAMEO verb dictionary lists only a verb's lemma and its *irregular* forms; a coder is
expected to generate the regular ones (-s/-es, -ed/-d, -ing). This module does that with the
spelling rules of English:

- third person: ``-es`` after s, x, z, ch, sh and after a consonant + o (veto -> vetoes);
  consonant + y -> ``-ies``; otherwise ``-s``.
- past: a final e takes ``-d``; consonant + y -> ``-ied``; a final c takes ``-ked``
  (panic -> panicked); a doubled final consonant where spelling doubles it; otherwise ``-ed``.
- present participle: ie -> ``-ying`` (die -> dying); a final e is dropped (seize ->
  seizing) except after e, o and y (free -> freeing, hoe -> hoeing, dye -> dyeing) and in
  be/singe-style words listed in :data:`KEEP_E`; doubling as for the past.

Doubling: a one-syllable word ending consonant-vowel-consonant doubles its last letter
(ban -> banned, stab -> stabbing), unless that letter is w, x or y (vow -> vowed). A longer
word doubles only when its last syllable is stressed, which spelling does not show: such
words are listed in :data:`DOUBLE_FINAL` (regret, occur, deter...). A final single-vowel l
doubles in British spelling and not in American (travel -> travelled and traveled): both
forms are returned, since both are in print.

Limits: irregular forms (struck, fought) are not guessed: the dictionary lists them. The
doubling list covers the verbs of the CAMEO dictionary, not all of English.
"""

from __future__ import annotations

__all__ = ["DOUBLE_FINAL", "KEEP_E", "noun_plural", "verb_forms"]

VOWELS = frozenset("aeiou")

DOUBLE_FINAL = frozenset(
    {
        "abet", "acquit", "admit", "allot", "annul", "commit", "compel", "concur", "confer",
        "control", "debar", "defer", "deter", "embed", "emit", "enrol", "enthral", "equip",
        "excel", "expel", "extol", "forbid", "forget", "impel", "incur", "infer", "inter",
        "kidnap", "omit", "occur", "outwit", "patrol", "permit", "prefer", "propel", "rebel",
        "rebut", "recur", "refer", "regret", "remit", "repel", "submit", "transfer",
        "transmit", "unpin", "upset", "worship",
    }
)  # fmt: skip
"""Verbs of more than one syllable whose stressed last syllable doubles its consonant."""

KEEP_E = frozenset({"be", "singe", "tinge", "swinge", "whinge"})
"""Verbs that keep a final e before -ing (singeing is not singing)."""


def _syllables(word: str) -> int:
    """Vowel groups of ``word`` (y counts as a vowel after a consonant); a rough count."""
    groups = 0
    previous = False
    for i, c in enumerate(word):
        vowel = c in VOWELS or (c == "y" and i > 0 and word[i - 1] not in VOWELS)
        if c == "u" and i > 0 and word[i - 1] == "q":
            vowel = False  # the u of qu is a consonant sound
        if vowel and not previous:
            groups += 1
        previous = vowel
    return groups


def _cvc(word: str) -> bool:
    """Ends consonant, single vowel, consonant (not w, x, y): stab, ban, quit."""
    if len(word) < 3:
        return False
    a, v, c = word[-3], word[-2], word[-1]
    if c in VOWELS or c in "wxy" or v not in VOWELS:
        return False
    if a in VOWELS:
        return a == "u" and len(word) > 3 and word[-4] == "q"  # quit, quip
    return True


def _doubles(word: str) -> tuple[bool, bool]:
    """(doubles in every spelling, doubles in British spelling only)."""
    if not _cvc(word):
        return False, False
    if _syllables(word) == 1 or word in DOUBLE_FINAL:
        return True, False
    if word.endswith("l"):
        return False, True
    return False, False


def _third_person(word: str) -> str:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in VOWELS:
        return word[:-1] + "ies"
    if word.endswith("o") and len(word) > 1 and word[-2] not in VOWELS:
        return word + "es"
    return word + "s"


def _suffixed(word: str, suffix: str) -> list[str]:
    """``word`` + -ed or -ing, with c -> ck and consonant doubling; British form second."""
    if word.endswith("c") and len(word) > 2 and word[-2] in VOWELS:
        return [word + "k" + suffix]  # panic -> panicked, mimic -> mimicking
    always, british = _doubles(word)
    if always:
        return [word + word[-1] + suffix]
    if british:
        return [word + suffix, word + word[-1] + suffix]
    return [word + suffix]


def _past(word: str) -> list[str]:
    if word.endswith("e"):
        return [word + "d"]
    if word.endswith("y") and len(word) > 1 and word[-2] not in VOWELS:
        return [word[:-1] + "ied"]
    return _suffixed(word, "ed")


def _participle(word: str) -> list[str]:
    if word.endswith("ie"):
        return [word[:-2] + "ying"]
    if word.endswith("e") and len(word) > 2 and word[-2] not in "eoy" and word not in KEEP_E:
        return [word[:-1] + "ing"]
    return _suffixed(word, "ing")


def verb_forms(lemma: str, listed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """Every form of a verb: lemma, -s, past, -ing (in that order, no repeats).

    ``lemma`` may be a phrase ("blow up", "ask for"): the first word is inflected. ``listed``
    are irregular forms given by a dictionary: when present, the past is taken from them
    alone (a regular past is not guessed for "strike"), and -s / -ing forms are generated
    only if none is listed. An empty tuple means "this exact phrase only" (CAMEO's ``{}``).
    """
    lemma = lemma.strip().lower()
    if not lemma:
        raise ValueError("empty lemma")
    if listed is not None and len(listed) == 0:
        return (lemma,)
    head, _, rest = lemma.partition(" ")
    tail = f" {rest}" if rest else ""
    if not head.isalpha():
        return (lemma, *(f.lower() for f in listed or ()))
    out: list[str] = [lemma]
    if listed is None:
        out.append(_third_person(head) + tail)
        out.extend(f + tail for f in _past(head))
        out.extend(f + tail for f in _participle(head))
    else:
        forms = [f.strip().lower() for f in listed if f.strip()]
        heads = [f.partition(" ")[0] for f in forms]
        if not any(h.endswith("s") and h != head for h in heads):
            out.append(_third_person(head) + tail)
        out.extend(forms)
        if not any(h.endswith("ing") for h in heads):
            out.extend(f + tail for f in _participle(head))
    return tuple(dict.fromkeys(out))


def noun_plural(noun: str) -> str:
    """The regular plural of a noun or noun phrase (last word inflected): curfew -> curfews.

    Rules as PETRARCH's synonym sets use them: -es after s, x, z, ch, sh; consonant + y ->
    -ies; otherwise -s. Irregular plurals (men, people) are not guessed.
    """
    noun = noun.strip().lower()
    if not noun:
        raise ValueError("empty noun")
    head, sep, last = noun.rpartition(" ")
    if not last.isalpha():
        return noun
    if last.endswith(("s", "x", "z", "ch", "sh")):
        plural = last + "es"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in VOWELS:
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return head + sep + plural

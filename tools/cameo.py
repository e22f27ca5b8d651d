"""Reader of the CAMEO verb dictionary (PETRARCH2 format) and of the Goldstein weight table.

The dictionary (``CAMEO.2.0.txt``) holds, in this order:

- synonym sets: ``&NAME`` then ``+MEMBER`` lines. A member or a label ending with ``_`` gets
  no generated plural; ``_`` inside a member joins the words of a phrase.
- verb blocks: ``---  NAME   [code]  ---`` opens a block whose code is the default of its
  verbs (``[---]``: none, the verbs code only through a pattern). A verb line is
  ``LEMMA {IRREGULAR FORMS} [code] # comment``; ``+`` starts a multi-word verb
  (``+BLOW_UP {+BLEW_UP ...}``); ``{}`` means "this phrase only, no other forms".
- patterns: ``- words * words [code] # verb``. ``*`` stands for the verb, ``&NAME`` for a
  synonym set, ``{A B}`` groups a noun phrase (read here as one slot of consecutive words,
  unless it holds a set or an actor slot), ``(...)`` a prepositional phrase; ``$``,
  ``+``, ``^`` and ``%`` are actor slots (source, target, skipped phrase, compound actor).
- ``######## TRANSFORMATIONS ##########``: rewrite rules for nested events; not read.

Codes: ``[190]``, ``[---]`` (no event), ``[042:043]`` and ``[:110]`` (a second code for the
reverse direction). :func:`primary_code` keeps the first code given.

Comments start at ``#`` or (the old TABARI form, on a few lines) ``;``. Limits: the XML
comment form ``<!-- -->`` of other PETRARCH dictionaries does not occur in this file and is
not handled; stemmed TABARI words left in some patterns ("VIOLAT") are
read as words (they can never match a whole word of text).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

__all__ = [
    "Block",
    "CameoFormatError",
    "Dictionary",
    "Goldstein",
    "Pattern",
    "Slot",
    "Verb",
    "parse_dictionary",
    "parse_goldstein",
    "primary_code",
]


class CameoFormatError(ValueError):
    """A line of the CAMEO dictionary or the Goldstein table cannot be read."""


ACTOR_SLOTS = frozenset({"$", "+", "^", "%"})


@dataclass(frozen=True, slots=True)
class Verb:
    """One verb line: ``lemma`` lower case with spaces; ``forms`` the listed irregular forms
    (``None``: none listed, generate them; empty: this phrase only)."""

    lemma: str
    forms: tuple[str, ...] | None
    code: str | None  # own code, or None to take the block's
    line: int


@dataclass(frozen=True, slots=True)
class Slot:
    """One element of a pattern: a word or phrase, a synonym set, or an actor slot."""

    text: str  # lower-case word/phrase, "&name" for a synonym set, or "$", "+", "^", "%"

    @property
    def is_synset(self) -> bool:
        return self.text.startswith("&")

    @property
    def is_actor(self) -> bool:
        return self.text in ACTOR_SLOTS


@dataclass(frozen=True, slots=True)
class Pattern:
    """``before`` * ``after``: the elements on each side of the verb, in text order."""

    before: tuple[Slot, ...]
    after: tuple[Slot, ...]
    code: str  # "---" for no event
    verb_hint: str  # the comment's verb (where the pattern came from), may be ""
    line: int


@dataclass(frozen=True, slots=True)
class Block:
    name: str
    code: str  # "---" when the block's verbs code only through patterns
    verbs: tuple[Verb, ...]
    patterns: tuple[Pattern, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Dictionary:
    synsets: dict[str, tuple[str, ...]]  # "&name" -> members (lower case, spaces)
    no_plural: frozenset[str]  # members (and whole sets, by "&name") that take no plural
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Goldstein:
    code: str
    name: str
    weight: float
    root: str


_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s*---")
_CODE = re.compile(r"\[([^\]]*)\]")
_FORMS = re.compile(r"\{([^}]*)\}")


def primary_code(raw: str) -> str:
    """The first code of ``[a:b]``-style text: ``"042:043"`` -> ``"042"``, ``":110"`` ->
    ``"110"``, ``"---"`` -> ``"---"``; a trailing ``!`` (a TABARI flag) is dropped."""
    parts = [p.strip().rstrip("!") for p in raw.split(":")]
    for p in parts:
        if p:
            if p != "---" and not p.isdigit():
                raise CameoFormatError(f"bad CAMEO code {raw!r}")
            return p
    raise CameoFormatError(f"empty CAMEO code {raw!r}")


def _word(token: str) -> str:
    return token.strip().lstrip("+").replace("_", " ").strip().lower()


def _strip_comment(line: str) -> str:
    return re.split(r"[#;]", line, maxsplit=1)[0].rstrip()


def _parse_verb(body: str, number: int) -> Verb:
    code = None
    m = _CODE.search(body)
    if m:
        code = primary_code(m.group(1))
        body = body[: m.start()] + body[m.end() :]
    forms: tuple[str, ...] | None = None
    m = _FORMS.search(body)
    if m:
        forms = tuple(_word(f) for f in re.split(r"[\s,]+", m.group(1)) if _word(f))
        body = body[: m.start()] + body[m.end() :]
    words = body.split()
    if len(words) != 1:
        raise CameoFormatError(f"line {number}: cannot read verb line {body.strip()!r}")
    lemma = _word(words[0])
    if not lemma:
        raise CameoFormatError(f"line {number}: empty verb")
    return Verb(lemma, forms, code, number)


_GROUP = re.compile(r"\{([^{}]*)\}")


def _join_group(m: re.Match[str]) -> str:
    inner = m.group(1).split()
    if any(t.startswith("&") or t in ACTOR_SLOTS or "*" in t for t in inner):
        return " " + " ".join(inner) + " "  # a group with a set or a slot: its elements
    return " " + "_".join(inner) + " "  # a plain noun phrase: one slot of consecutive words


def _tokens(text: str) -> list[str]:
    text = _GROUP.sub(_join_group, text)
    for c in "{}()":
        text = text.replace(c, " ")
    return text.replace("*", " * ").split()  # "*SCEPTICAL" occurs: the star is a token


def _parse_pattern(line: str, number: int) -> Pattern:
    hint = ""
    if "#" in line or ";" in line:
        line, comment = re.split(r"[#;]", line, maxsplit=1)
        hint = _word(comment.strip().split(",")[0].split()[0]) if comment.strip() else ""
    codes = list(_CODE.finditer(line))
    if not codes:
        raise CameoFormatError(f"line {number}: pattern without a [code]")
    code = primary_code(codes[-1].group(1))
    body = line[1 : codes[-1].start()]
    tokens = _tokens(body)
    if tokens.count("*") != 1:
        raise CameoFormatError(f"line {number}: a pattern needs exactly one '*'")
    i = tokens.index("*")

    def slots(part: list[str]) -> tuple[Slot, ...]:
        out = []
        for t in part:
            t = t.strip(",")
            if not t:
                continue
            if t in ACTOR_SLOTS:
                out.append(Slot(t))
            elif t.startswith("&"):
                out.append(Slot("&" + t[1:].rstrip("_").lower()))
            elif "&" in t:  # FIGHTER_&AIRCRAFT: a word joined to a set; read as both
                head, _, syn = t.partition("&")
                if _word(head):
                    out.append(Slot(_word(head)))
                out.append(Slot("&" + syn.rstrip("_").lower()))
            elif _word(t):
                out.append(Slot(_word(t)))
        return tuple(out)

    return Pattern(slots(tokens[:i]), slots(tokens[i + 1 :]), code, hint, number)


def parse_dictionary(text: str) -> Dictionary:
    """Read the whole dictionary; raises :class:`CameoFormatError` naming the line."""
    synsets: dict[str, list[str]] = {}
    no_plural: set[str] = set()
    blocks: list[Block] = []
    current_set: str | None = None
    block: tuple[str, str, int] | None = None
    verbs: list[Verb] = []
    patterns: list[Pattern] = []

    def close_block() -> None:
        if block is not None:
            blocks.append(Block(block[0], block[1], tuple(verbs), tuple(patterns), block[2]))

    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped.startswith("#") and "TRANSFORMATIONS" in stripped:
            break
        line = _strip_comment(raw) if not stripped.startswith("-") else raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("&"):
            label = line.split()[0]
            current_set = "&" + label[1:].rstrip("_").lower()
            synsets[current_set] = []
            if label.endswith("_"):
                no_plural.add(current_set)
            continue
        m = _BLOCK.match(line)
        if m:
            close_block()
            block = (m.group(1).replace("_", " ").lower(), primary_code(m.group(2)), number)
            verbs, patterns = [], []
            current_set = None
            continue
        if block is None:
            if line.startswith("+") and current_set is not None:
                member = line[1:].strip()
                word = _word(member)
                if word:
                    synsets[current_set].append(word)
                    if member.endswith("_"):
                        no_plural.add(word)
                continue
            raise CameoFormatError(f"line {number}: unexpected text before the first verb block")
        if line.lstrip().startswith("-"):
            if _strip_comment(line).strip() in {"-", ""}:
                continue
            patterns.append(_parse_pattern(line.strip(), number))
            continue
        verbs.append(_parse_verb(_strip_comment(line), number))
    close_block()
    if not blocks:
        raise CameoFormatError("no verb block found")
    return Dictionary(
        {k: tuple(dict.fromkeys(v)) for k, v in synsets.items()},
        frozenset(no_plural),
        tuple(blocks),
    )


def parse_goldstein(text: str) -> dict[str, Goldstein]:
    """``code,name,goldstein,root_code`` rows -> code -> :class:`Goldstein`."""
    out: dict[str, Goldstein] = {}
    reader = csv.DictReader(io.StringIO(text))
    need = {"code", "name", "goldstein", "root_code"}
    if not reader.fieldnames or not need <= set(reader.fieldnames):
        raise CameoFormatError(f"Goldstein table needs columns {sorted(need)}")
    for n, row in enumerate(reader, start=2):
        code = row["code"].strip()
        try:
            weight = float(row["goldstein"])
        except ValueError:
            raise CameoFormatError(f"line {n}: bad weight {row['goldstein']!r}") from None
        if not code.isdigit() or not -10 <= weight <= 10:
            raise CameoFormatError(f"line {n}: bad row {row!r}")
        out[code] = Goldstein(code, row["name"].strip(), weight, row["root_code"].strip())
    return out

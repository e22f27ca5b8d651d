"""Who speaks about whom: statements with speaker, speaker country and target countries.

An article is split into sentences; each sentence becomes one
:class:`~tension.scoring.types.Statement`
(a sentence where a second country answers the first, "X said ..., while Moscow said ...", is
cut in two):

- ``quote``: the sentence holds a direct quote (straight or curly marks, a quote split around
  "he said", or a sentence inside a quote that runs on across sentences or paragraphs);
- ``reported``: reported speech with a speech verb from ``data/speech.toml`` ("X said that",
  "X accused Y of", "X urged", "in a statement, the ministry said", "according to X");
- ``narration``: no one's statement (speaker ``None``), kept so the article score can be
  explained.

Speakers are the noun phrase before the speech verb (or after it: ``"...," said X``). "He",
"it", "the ministry", "the statement" refer back to the nearest fitting earlier speaker; a
sentence that opens with a quote and names no speaker continues the last speaker. A speaker's
country is the first country mention inside the speaker phrase ("Azerbaijan's Foreign
Ministry", "Turkish President Erdogan", "Tehran"), or the country of an earlier speaker with the
same surname; outside analysts, consultancies and witnesses speak for no country (``None``).

Targets are the countries the sentence mentions outside the speaker phrase, minus the speaker's
own and minus people only addressed ("Erdogan called Aliyev to condemn ..." targets Iran only
when Iran is named). A statement naming no other country keeps the targets of the same
country's previous statement a few sentences back, else gets the article's main counterpart.

Limits: rule-based English; otherwise one speaker per sentence (the first speech verb with a
plausible subject wins); no full parsing, so long subjects or unusual word order can be missed;
"he" goes to the last person speaker, not to the last person named.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from tension.scoring.countries import country_name, country_words, find_countries
from tension.scoring.datafiles import words
from tension.scoring.intensity import TextScorer, default_scorer
from tension.scoring.matching import WordAutomaton, alternation, leftmost_longest
from tension.scoring.officials import Officials
from tension.scoring.sentences import split_sentences
from tension.scoring.transcripts import Turn, find_turns, turn_at, within_turns
from tension.scoring.types import (
    CountryMention,
    DocumentSpeaker,
    Score,
    Spans,
    Statement,
    StatementKind,
)

__all__ = [
    "attribute_statements",
    "extract_statements",
    "find_cues",
    "quote_spans",
    "rank_countries",
    "resolve_speaker",
    "sentence_spans",
    "statement_spans",
]


# -- data ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Speech:
    """The word lists of ``data/speech.toml``, prepared once."""

    cue: WordAutomaton[str]  # the speech verbs (exact case)
    inverted: frozenset[str]  # verbs that may come before their speaker
    person_anaphora: frozenset[str]
    body_anaphora: tuple[str, ...]
    no_country: re.Pattern[str]
    body: re.Pattern[str]
    office: re.Pattern[str]
    person_title: re.Pattern[str]
    addressee: re.Pattern[str]
    roles: re.Pattern[str]
    not_speakers: frozenset[str]


def _capital_or_not(word: str) -> str:
    """``word`` as a regex; a lower-case first letter may also be a capital."""
    first = word[0]
    if first.islower():
        return f"[{first.upper()}{first}]{re.escape(word[1:])}"
    return re.escape(word)


@lru_cache(maxsize=8)  # statement_spans and attribute_statements look at the same text
def find_cues(text: str) -> tuple[tuple[int, int, str], ...]:
    """Speech verbs in ``text`` on word boundaries, leftmost-longest, as ``(start, end, verb)``.

    One Aho–Corasick pass over the whole text (a regex alternation of ~150 verbs run on each
    sentence costs more than the rest of the analysis)."""
    n = len(text)
    found = [
        (start, end, verb)
        for start, end, verb in _speech().cue.hits(text)
        if not ((start > 0 and text[start - 1].isalnum()) or (end < n and text[end].isalnum()))
    ]
    return tuple(leftmost_longest(found))


@cache
def _speech() -> _Speech:
    def w(table: str, key: str) -> tuple[str, ...]:
        return words("speech.toml", table, key)

    verbs = list(w("", "verbs"))
    verbs += [v[0].upper() + v[1:] for v in verbs if v.startswith("according")]
    titles = "|".join(
        _capital_or_not(t) for t in sorted(w("person_titles", "words"), key=len, reverse=True)
    )
    return _Speech(
        cue=WordAutomaton((verb, verb) for verb in set(verbs)),
        inverted=frozenset(w("inverted", "verbs")),
        person_anaphora=frozenset(w("anaphora", "person")),
        body_anaphora=tuple(sorted(w("anaphora", "body"), key=len, reverse=True)),
        no_country=re.compile(rf"\b(?:{alternation(w('no_country', 'words'))})\b", re.I),
        body=re.compile(rf"\b(?:{alternation(w('bodies', 'words'))})\b", re.I),
        office=re.compile(rf"\b(?:{alternation(w('bodies', 'offices'))})\b", re.I),
        person_title=re.compile(rf"\b(?:{titles})\b"),
        addressee=re.compile(
            rf"\b(?:{alternation(w('addressee', 'verbs'))})\s+(?:(?:the|his|her|their)\s+)?$"
        ),
        roles=re.compile(rf"\b(?:{alternation(w('roles', 'words'))})\b", re.I),
        not_speakers=frozenset(w("not_speakers", "words")),
    )


# -- quotes --------------------------------------------------------------------------------

_QUOTE_CHARS = re.compile(r"[\"“”«»‘’]")
_OPEN = frozenset("“«")


@lru_cache(maxsize=8)
def quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of direct quotes (marks included): curly, straight, guillemets, and British single
    quotes (‘...’; a ’ inside a word is an apostrophe). Quotes inside a quote belong to it. A
    quote left open at the end of a paragraph runs to the paragraph end (news style re-opens
    it on the next paragraph)."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    single = False  # the open quote is a single one
    para_end = text.find("\n")
    n = len(text)
    for m in _QUOTE_CHARS.finditer(text):
        pos = m.start()
        if open_at is not None and para_end != -1 and pos > para_end:
            spans.append((open_at, para_end))
            open_at = None
        if para_end != -1 and pos > para_end:
            para_end = text.find("\n", pos)
        ch = m.group()
        if ch == "‘":
            if open_at is None and (pos == 0 or not text[pos - 1].isalnum()):
                open_at, single = pos, True
        elif ch == "’":
            after = text[pos + 1] if pos + 1 < n else " "
            if open_at is not None and single and not after.isalpha():
                spans.append((open_at, pos + 1))
                open_at = None
        elif ch in _OPEN or (ch == '"' and open_at is None):
            if open_at is None:
                open_at, single = pos, False
            # an opening mark while open: keep the first
        elif open_at is not None and not single:
            spans.append((open_at, pos + 1))
            open_at = None
    if open_at is not None:
        spans.append((open_at, para_end if para_end != -1 else n))
    return tuple(spans)


# -- speaker phrases ------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(
    r"[;:]\s|\s[—–]+\s|\s-{1,2}\s|\(AP\)|\bthat\s|"
    r"\b(?:after|before|when|because|since|until|although|though|whereas|if)\s"
)
_SEGMENT = re.compile(r",\s*|\s+and\s+|\s+but\s+|\s+while\s+")
_TRAILING_AUX = re.compile(
    r"(?:\s+(?:has|have|had|also|then|again|later|earlier|previously|repeatedly|reportedly|"
    r"further|separately|already|still|once|did|does|is|was|were|would|will|could|"
    r"[a-z]+ly)|\s+(?:on|last|this|early|late|in)\s+[A-Z]?[a-z]+(?:\s+\d+)?)$"
)
_LEADING_AUX = re.compile(
    r"^(?:has|have|had|also|then|again|later|repeatedly|reportedly|further|[a-z]+ly)\b.*$"
)
_PASSIVE = re.compile(r"\b(?:be|been|being|is|are|was|were|to)\s+$")
_INTRO = re.compile(
    r"^(?:However|Meanwhile|Still|Yet|Instead|Separately|Earlier|Later|Also|Moreover|"
    r"In\b.*|On\b.*|At\b.*|After\b.*|Before\b.*|Without\b.*|During\b.*|Since\b.*|"
    r"Perhaps\b.*|For\b.*|With\b.*|Asked\b.*|Speaking\b.*|When\b.*|While\b.*|Despite\b.*)$"
)
_BAD_START = re.compile(
    r"^(?:which|who|whom|whose|that|it is|there|this|these|if|when|as|while|even though|"
    r"although|though|because|unless|whether|While|Even though|Although|Though|Because|If|"
    r"Unless|Whether|When|As)\b"
)
_BAD_END = re.compile(r"\b(?:the|a|an|these|those|its|his|her|their|our|of|to|for|and|or)$", re.I)
_SUBJECT = re.compile(r"((?:The\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)(?=\s+[a-z])")
_POST_SPEAKER = re.compile(r"\s*([^,.;:!?“”\"()]{2,80})")


_LOOKBACK = 12  # earlier speakers an anaphor may reach (keeps long texts linear)
_FIRST_PERSON = re.compile(r"^(?:i|we|(?:my|our) (?:delegation|government|country|side))$")


@dataclass
class _Speaker:
    label: str
    country: str | None
    person: bool


@dataclass
class _Cue:
    speaker_start: int
    speaker_end: int
    label: str
    verb_start: int
    verb_end: int
    desc_end: int = -1  # end of the speaker's description ("..., an analyst at ...")


def _strip_aux(seg: str) -> str:
    while True:
        new = _TRAILING_AUX.sub("", seg).rstrip(" ,")
        if new == seg:
            break
        seg = new
    if _LEADING_AUX.match(seg):
        return ""
    return seg.strip()


def _in_spans(pos: int, spans: Spans) -> bool:
    i = bisect.bisect_right(spans, (pos, sys.maxsize)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


@lru_cache(maxsize=16384)  # pure (the word lists are loaded once); "Analysts" etc. recur
def _plausible(label: str) -> bool:
    tokens = label.split()
    if tokens and tokens[0].islower() and tokens[0].endswith("ing"):  # "accusing Moscow of ..."
        return False
    if not tokens or len(tokens) > 14 or _BAD_START.match(label) or _BAD_END.search(label):
        return False
    if _CLAUSE_INSIDE.search(label):  # "Russia has also turned the plant into a base"
        return False
    return _names_someone(label)


_CLAUSE_INSIDE = re.compile(
    r"\s(?:has|have|had|is|are|was|were|will|would|can|could|shall|should|must|did|does)\s"
)


_NAME_JOINERS = frozenset(
    ["of", "for", "the", "de", "del", "da", "al", "bin", "ibn", "van", "von", "la", "le", "and"]
)
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.I)
_TOKEN_EDGE = re.compile(r"^[^\w]+|(?:['’]s)?[^\w]*$")


def _names_someone(label: str) -> bool:
    """``label`` can be a speaker: a person (a capitalised name, a title), a role, an
    institution, a government or a country, or a word that refers back to one ("he", "the
    ministry", "we"). "The significant progress reached throughout" is none of these."""
    low = label.lower()
    sp = _speech()
    if (
        low in sp.person_anaphora
        or any(low.startswith(a) for a in sp.body_anaphora)
        or low in ("officials", "they", "it")
        or _FIRST_PERSON.match(low)
    ):
        return True
    head = _HEAD.split(label, maxsplit=1)[0].split()
    if (
        sp.no_country.search(label)
        or sp.body.search(label)
        or sp.person_title.search(label)
        or (head and sp.roles.fullmatch(_TOKEN_EDGE.sub("", head[-1])))
    ):
        return True
    words_ = [_TOKEN_EDGE.sub("", t).lower() for t in label.split()]
    known = country_words()
    for n in range(1, 5):
        for i in range(len(words_) - n + 1):
            if " ".join(words_[i : i + n]) in known:
                return True
    tokens = _DETERMINER.sub("", label).split()
    if not tokens or len(tokens) > 6 or low in sp.not_speakers:
        return False
    if tokens[0].lower().strip(",.") in sp.not_speakers:
        return False
    return tokens[-1][:1].isupper() and all(
        t[:1].isupper() or t.lower() in _NAME_JOINERS for t in tokens
    )


def _find_cue(
    text: str,
    s_start: int,
    s_end: int,
    quotes: Spans,
    cues: Sequence[tuple[int, int, str]],
) -> _Cue | None:
    for v_start, v_end, verb in cues:
        if _in_spans(v_start, quotes):
            continue
        if _PASSIVE.search(text[max(s_start, v_start - 12) : v_start]):
            continue
        if verb == "reported" and text.startswith(" from ", v_end):  # a byline
            continue
        # clause start: the sentence, the last quote before the verb, or a clause break
        c_start = s_start
        for q0, q1 in quotes:
            if s_start <= q1 <= v_start or (q0 < s_start < q1 <= v_start):
                c_start = max(c_start, q1)
        pre_text = text[c_start:v_start]
        breaks = list(_CLAUSE_BREAK.finditer(pre_text))
        if breaks:
            c_start += breaks[-1].end()
            pre_text = text[c_start:v_start]
        segs: list[tuple[int, int]] = []
        cur = 0
        for sep in _SEGMENT.finditer(pre_text):
            segs.append((cur, sep.start()))
            cur = sep.end()
        segs.append((cur, len(pre_text)))
        last_raw = pre_text[segs[-1][0] : segs[-1][1]].strip(" \"“”'’")
        label = ""
        sp_start = v_start
        if not verb.lower().startswith("according"):
            last = _strip_aux(last_raw)
            if last:
                label = last
                sp_start = c_start + segs[-1][0] + pre_text[segs[-1][0] :].find(last[:1])
            else:
                chosen: list[tuple[int, int]] = []
                for a, b in reversed(segs[:-1]):
                    seg = pre_text[a:b].strip()
                    if not seg or _INTRO.match(seg):
                        break
                    chosen.append((a, b))
                if chosen:
                    a0, b0 = chosen[-1]
                    label = pre_text[a0:b0].strip()
                    sp_start = c_start + a0
        if label and _plausible(label):
            return _Cue(sp_start, v_start, label, v_start, v_end)
        if verb.endswith("ing") and c_start > s_start:  # "X hit back ..., saying": X
            subject = _SUBJECT.match(text, s_start, v_start)
            if subject and _plausible(subject.group(1)):
                return _Cue(subject.start(1), subject.end(1), subject.group(1), v_start, v_end)
        if last_raw and not verb.lower().startswith("according"):
            continue
        if verb not in _speech().inverted and not verb.lower().startswith("according"):
            continue
        post = _POST_SPEAKER.match(text, v_end, s_end)
        if not post:
            continue
        label = post.group(1).strip()
        if not _plausible(label) or label.lower() in ("that", "it"):
            continue
        end = s_end
        nxt = text.find("“", v_end, s_end)
        if nxt != -1:
            end = nxt
        return _Cue(post.start(1), post.end(1), label, v_start, v_end, end)
    return None


# -- article-level ranking -----------------------------------------------------------------


def _first_paragraph_end(text: str) -> int:
    pos = 0
    while True:
        gap = text.find("\n\n", pos)
        if gap == -1:
            return len(text)
        if len(text[:gap].strip()) >= 120:
            return gap
        pos = gap + 2


def rank_countries(
    mentions: Sequence[CountryMention],
    text: str,
    title_mentions: Sequence[CountryMention] = (),
    *,
    share: float = 0.25,
    min_count: int = 2,
    limit: int = 5,
) -> tuple[str, ...]:
    """The countries an article is mainly about, most important first.

    Each mention weighs 1, 2 in the first paragraph and 3 in the title; a country counts when
    it has at least ``min_count`` mentions (or one in the title or first paragraph) and at
    least ``share`` of the top country's weight.
    """
    first = _first_paragraph_end(text)
    weight: dict[str, float] = {}
    count: dict[str, int] = {}
    order: dict[str, int] = {}
    for m in title_mentions:
        weight[m.code] = weight.get(m.code, 0) + 3
        count[m.code] = count.get(m.code, 0) + 1
        order.setdefault(m.code, -1)
    for m in mentions:
        weight[m.code] = weight.get(m.code, 0) + (2 if m.start < first else 1)
        count[m.code] = count.get(m.code, 0) + 1
        order.setdefault(m.code, m.start)
    if not weight:
        return ()
    top = max(weight.values())
    ranked = sorted(weight, key=lambda c: (-weight[c], order[c]))
    keep = [
        c for c in ranked if weight[c] >= share * top and (count[c] >= min_count or weight[c] >= 2)
    ]
    return tuple(keep[:limit])


# -- statements -----------------------------------------------------------------------------


_HEAD = re.compile(r"\s+(?:for|of|at|in|from)\s+|,")


def _is_person(label: str, inside: Sequence[CountryMention]) -> bool:
    """A person ("Turkish Defense Minister X", "a spokesman for Iran's Foreign Ministry") or a
    body ("Azerbaijan's Foreign Ministry", "Tehran", "the prime minister's office")."""
    head = _HEAD.split(label, maxsplit=1)[0]
    sp = _speech()
    if sp.body.search(head) and not sp.person_title.search(head.split()[-1] if head else ""):
        return bool(sp.person_title.search(head)) and not sp.office.search(head)
    if sp.person_title.search(head) or any(m.via == "official" for m in inside):
        return True
    if inside and all(m.via in ("name", "capital", "institution", "demonym") for m in inside):
        covered = sum(m.end - m.start for m in inside)
        return covered < len(head.strip()) - 2  # more than the country: a named person
    return True


# -- one article's cues, quotes and mentions, by position ----------------------------------


class _Article:
    """A text with its speech cues, quotes and country mentions, each in text order, and the
    ones that fall in a stretch of the text found by bisection (so a long article stays
    linear)."""

    __slots__ = ("_cue_starts", "_m_starts", "_q_ends", "_q_starts", "cues", "mentions", "quotes")

    def __init__(self, text: str, mentions: Sequence[CountryMention]) -> None:
        self.cues = find_cues(text)
        self.quotes = quote_spans(text)
        self.mentions = mentions
        self._cue_starts = [c[0] for c in self.cues]
        self._q_starts = [q[0] for q in self.quotes]
        self._q_ends = [q[1] for q in self.quotes]
        self._m_starts = [m.start for m in mentions]

    def cues_in(self, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
        """The speech cues that start in ``[start, end)``."""
        bl = bisect.bisect_left
        return self.cues[bl(self._cue_starts, start) : bl(self._cue_starts, end)]

    def quotes_near(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """The quotes that overlap ``[start, end)``."""
        lo = bisect.bisect_right(self._q_ends, start)
        return self.quotes[lo : bisect.bisect_left(self._q_starts, end)]

    def mentions_in(self, start: int, end: int) -> Sequence[CountryMention]:
        """The country mentions that start in ``[start, end)``."""
        bl = bisect.bisect_left
        return self.mentions[bl(self._m_starts, start) : bl(self._m_starts, end)]

    def country_in(self, start: int, end: int) -> str | None:
        """The country of the first mention in ``[start, end)``, if any."""
        k = bisect.bisect_left(self._m_starts, start)
        mentions = self.mentions
        return mentions[k].code if k < len(mentions) and mentions[k].start < end else None


# -- statement spans ---------------------------------------------------------------------------

_CLAUSE_SPLIT = re.compile(r",?\s+(?:while|whereas|but)\s+|;\s+|,\s+and\s+")


def statement_spans(
    text: str,
    sentences: Spans,
    mentions: Sequence[CountryMention],
) -> list[tuple[int, int]]:
    """The parts of ``text`` that become statements: its ``sentences`` (spans), except that a
    sentence where a second country answers the first ("X said ..., while Moscow said ...") is
    cut before the second speaker's clause, so each gets its own statement and score."""
    if len(find_cues(text)) < 2:
        return list(sentences)
    article = _Article(text, mentions)
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        out.extend(_answered_parts(text, article, start, end))
    return out


def _answered_parts(
    text: str, article: _Article, s_start: int, s_end: int
) -> list[tuple[int, int]]:
    """One sentence cut before each clause where a speaker of another country answers."""
    sentence_cues = article.cues_in(s_start, s_end)
    if len(sentence_cues) < 2:
        return [(s_start, s_end)]
    near = article.quotes_near(s_start, s_end)
    first = _find_cue(text, s_start, s_end, near, sentence_cues)
    if first is None:
        return [(s_start, s_end)]
    out: list[tuple[int, int]] = []
    current = article.country_in(first.speaker_start, first.speaker_end)
    start = s_start
    for b in _CLAUSE_SPLIT.finditer(text, first.verb_end, s_end):
        if b.start() < start or _in_spans(b.start(), near):
            continue
        later = [c for c in sentence_cues if c[0] >= b.end()]
        if not later:
            break
        sub = _find_cue(text, b.end(), s_end, near, later)
        if sub is None or text[b.end() : sub.speaker_start].strip():
            continue
        code = article.country_in(sub.speaker_start, sub.speaker_end)
        if code is None or code == current:
            continue
        out.append((start, b.start()))
        start, current = b.end(), code
    out.append((start, s_end))
    return out


# -- statements --------------------------------------------------------------------------------

_BLANK = re.compile(r"\n[ \t]*\n")
_SHORT_DOCUMENT = 15
"""A document of at most this many statements (a press release, an official statement) is
about its main counterpart throughout: a sentence of it naming no country targets that one.
In a longer one (a speech) a sentence naming no country carries the targets of the sentences
just before it in its paragraph, or targets the main counterpart only when it is about
someone (escalation points, a de-escalation term such as "dialogue", or a negative tone:
"the occupation must end", "we are ready for dialogue"), so a speech's thanks, greetings and
domestic policy are not charted against its main counterpart."""


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as statements see them: :func:`split_sentences`, cut where a
    transcript's turns start and without the turns' labels ("Q:", "Mao Ning:")."""
    sentences = split_sentences(text)
    turns = find_turns(text)
    return within_turns(sentences, turns, text) if turns else sentences


def resolve_speaker(
    speaker: DocumentSpeaker | None,
    date: dt.date | None = None,
    officials: Officials | None = None,
) -> DocumentSpeaker | None:
    """``speaker`` with its country found in its label when it has none ("Azerbaijan's
    Foreign Ministry", an official in office on ``date``) and its label set to the country's
    name when it has none; None when it names neither."""
    if speaker is None or (not speaker.label and not speaker.country):
        return None
    country = speaker.country
    if country is None and speaker.label:
        found = find_countries(speaker.label, date, officials)
        country = found[0].code if found else None
    return DocumentSpeaker(speaker.label or country_name(country or ""), country)


def extract_statements(
    text: str,
    date: dt.date | None = None,
    title: str | None = None,
    scorer: TextScorer | None = None,
    *,
    officials: Officials | None = None,
    mentions: Sequence[CountryMention] | None = None,
    speaker: DocumentSpeaker | None = None,
) -> tuple[Statement, ...]:
    """One statement per sentence of ``text`` (in order), attributed where possible.

    ``speaker`` says the whole text is one speaker's own words, as in a speech, an official
    statement or the answers of a briefing: its sentences that are nobody else's (first
    person, unattributed) are that speaker's, kind ``document``; quotes and reported speech
    of others stay theirs; in a transcript (:mod:`tension.scoring.transcripts`) the answers
    are the speaker's and the questions nobody's. Its country is found in its label when not
    given (:func:`resolve_speaker`).

    A sentence where a second country answers the first ("..., while Moscow said ...") gives
    two statements (see :func:`statement_spans`).

    ``date`` decides which officials are in office; ``title`` helps rank the article's
    countries (a statement naming no other country targets the speaker's main counterpart: the
    highest-ranked other country with a quarter of the top country's weight). ``mentions``
    are the text's country mentions when the caller has found them already. ``scorer``
    defaults to :func:`tension.scoring.intensity.default_scorer`.
    """
    if mentions is None:
        mentions = find_countries(text, date, officials)
    sentences = sentence_spans(text)
    parts = statement_spans(text, sentences, mentions)
    scores = (scorer or default_scorer()).score_many(text, parts, sentences)
    title_mentions = find_countries(title, date, officials) if title else ()
    author = resolve_speaker(speaker, date, officials)
    return attribute_statements(text, parts, scores, mentions, title_mentions, speaker=author)


def attribute_statements(
    text: str,
    parts: Spans,
    scores: Sequence[Score],
    mentions: Sequence[CountryMention],
    title_mentions: Sequence[CountryMention] = (),
    *,
    speaker: DocumentSpeaker | None = None,
) -> tuple[Statement, ...]:
    """The statements of ``text`` whose statement spans (``parts``, from
    :func:`statement_spans`), their ``scores`` and the country mentions of text and title are
    known: :func:`extract_statements` without the splitting, matching and scoring, for
    :func:`tension.scoring.analyze`, which has done that work once for the whole article.
    ``speaker`` is the document's, as :func:`resolve_speaker` returns it."""
    if len(scores) != len(parts):
        raise ValueError(f"{len(parts)} statement spans but {len(scores)} scores")
    main = rank_countries(mentions, text, title_mentions, min_count=1)
    author = _Speaker(speaker.label or "", speaker.country, True) if speaker else None
    attribution = _Attribution(text, _Article(text, mentions), main, author, len(parts))
    return tuple(
        attribution.statement(idx, start, end, score)
        for idx, ((start, end), score) in enumerate(zip(parts, scores, strict=True))
    )


class _Attribution:
    """Attributes an article's statements in order, remembering what later ones refer to:
    earlier speakers (for "he", "the ministry", a surname seen before) and each speaker
    country's recent targets."""

    def __init__(
        self,
        text: str,
        article: _Article,
        main: tuple[str, ...],
        author: _Speaker | None,
        count: int,
    ) -> None:
        self.text = text
        self.article = article
        self.main = main  # the article's countries, most important first
        self.author = author  # the speaker of the whole text, if it is one speaker's words
        self.counterpart_fallback = author is None or count <= _SHORT_DOCUMENT
        self.speakers: list[_Speaker] = []
        self.by_surname: dict[str, _Speaker] = {}
        self.last_speaker_at = -10
        # (idx, start, country, targets) of the statements so far
        self.recent: list[tuple[int, int, str | None, tuple[str, ...]]] = []
        self.asked: tuple[str, ...] = ()  # what the transcript's last question named
        self.asked_in = -1  # the start of that question's turn
        self.turns = find_turns(text)
        self.turn_speakers = _turn_speakers(text, self.turns, article, author)

    def statement(self, idx: int, start: int, end: int, score: Score) -> Statement:
        """The ``idx``-th statement, spanning ``[start, end)``."""
        in_sentence = self.article.mentions_in(start, end)
        who, kind, speaker_span = self._speaker(idx, start, end, in_sentence)
        if who is not None and who is not self.author:
            self._remember(idx, who)
        country = who.country if who else None
        targets = named = self._named_targets(start, in_sentence, speaker_span, country)
        if kind == "narration" and self.turns and speaker_span[0] == start:
            self._asked(start, named)
        if country is not None and not targets:
            targets = self._implied_targets(idx, start, country, score)
        if who is not None:
            # a long document carries on only what a sentence named (no chain of carried
            # targets through a whole speech)
            carry = targets if self.counterpart_fallback else named
            self.recent.append((idx, start, country, carry))
        return Statement(
            start=start,
            end=end,
            text=self.text[start:end],
            kind=kind,
            speaker=who.label if who else None,
            speaker_country=country,
            target_countries=targets,
            score=score,
        )

    def _speaker(
        self, idx: int, start: int, end: int, in_sentence: Sequence[CountryMention]
    ) -> tuple[_Speaker | None, StatementKind, tuple[int, int]]:
        """Who speaks, how (quote, reported, document, narration) and where the speaker phrase
        is: nobody in a transcript's question; a speech cue's subject; else the last speaker,
        when the sentence opens inside a quote soon after; else the text's own author (the
        speaker of the transcript turn), if any."""
        author = self.author
        if self.turns:
            turn = turn_at(self.turns, start)
            if turn is not None:
                author, question = self.turn_speakers[turn.start]
                if question:
                    return None, "narration", (start, start)
        text = self.text
        near = self.article.quotes_near(start, end)
        sentence_cues = self.article.cues_in(start, end)
        cue = _find_cue(text, start, end, near, sentence_cues) if sentence_cues else None
        # the document's own words: its speaker's, or a turn of a speaker of its country
        own: StatementKind = (
            "document"
            if author is self.author
            or (author and self.author and author.country == self.author.country)
            else "quote"
        )
        if cue is not None:
            who = _resolve_speaker(
                cue, text, in_sentence, self.speakers, self.by_surname, _speech(), author
            )
            kind: StatementKind = own if who is author else ("quote" if near else "reported")
            return who, kind, (cue.speaker_start, cue.speaker_end)
        opens_quoted = _in_spans(start, near) or text[start] in '“"«‘'
        if opens_quoted and self.speakers and idx - self.last_speaker_at <= 3:
            return self.speakers[-1], "quote", (start, start)
        if author is not None:
            return author, own, (start, start)
        return None, "narration", (start, start)

    def _asked(self, start: int, named: tuple[str, ...]) -> None:
        """Keep the countries a transcript's question names for the answer after it."""
        turn = turn_at(self.turns, start)
        if turn is None or not self.turn_speakers[turn.start][1]:
            return
        if turn.start != self.asked_in:
            self.asked_in, self.asked = turn.start, ()
        self.asked = tuple(dict.fromkeys(self.asked + named))

    def _remember(self, idx: int, who: _Speaker) -> None:
        self.speakers.append(who)
        self.last_speaker_at = idx
        surname = who.label.split()[-1].strip(".,'’") if who.label else ""
        if surname[:1].isupper() and surname not in self.by_surname:
            self.by_surname[surname] = who

    def _named_targets(
        self,
        start: int,
        in_sentence: Sequence[CountryMention],
        speaker_span: tuple[int, int],
        country: str | None,
    ) -> tuple[str, ...]:
        """The countries the statement names outside its speaker phrase, minus the speaker's
        own and those only addressed ("Erdogan called Aliyev"), in order."""
        addressee = _speech().addressee
        targets: list[str] = []
        for m in in_sentence:
            if speaker_span[0] <= m.start < speaker_span[1] or m.code == country:
                continue
            if addressee.search(self.text[max(start, m.start - 40) : m.start]):
                continue
            if m.code not in targets:
                targets.append(m.code)
        return tuple(targets)

    def _carries(self, at: int, start: int, score: Score) -> bool:
        """The targets of a statement at ``at`` carry over to the one at ``start``: always in
        news and short documents; in a long document (a speech) only within a paragraph."""
        if self.counterpart_fallback:
            return True
        return _BLANK.search(self.text, at, start) is None

    def _implied_targets(self, idx: int, start: int, country: str, score: Score) -> tuple[str, ...]:
        """For a statement naming no other country: in a transcript's answer, the countries
        its question named; else the targets of the same country's statement up to three
        statements back (in a long document, within its paragraph); else the article's main
        counterpart (in a long document only for a statement that is about someone: see
        :data:`_SHORT_DOCUMENT`)."""
        asked = tuple(c for c in self.asked if c != country)
        if asked:  # an answer is about what its question named
            return asked
        carried = next(
            (
                t
                for i, at, c, t in reversed(self.recent[-4:])
                if c == country and idx - i <= 3 and t and self._carries(at, start, score)
            ),
            (),
        )
        if carried:
            return carried
        if not self.counterpart_fallback and not _about_someone(score):
            return ()
        counterpart = next((c for c in self.main if c != country), None)
        return (counterpart,) if counterpart is not None else ()


def _about_someone(score: Score) -> bool:
    """A statement that is about another country even when it names none: it holds
    escalation points, a term of the ``deescalation`` category ("dialogue", "restraint"; not
    thanks or condolences), a term turned against someone ("not an inclusive process") or
    has a negative tone (VADER compound -0.05 or less)."""
    return bool(
        score.escalation
        or score.compound <= -0.05
        or any(t.category == "deescalation" or t.weight > 0 for t in score.terms)
    )


def _resolve_speaker(
    cue: _Cue,
    text: str,
    in_sentence: Sequence[CountryMention],
    speakers: list[_Speaker],
    by_surname: dict[str, _Speaker],
    sp: _Speech,
    author: _Speaker | None = None,
) -> _Speaker:
    label = cue.label
    low = label.lower()
    if _FIRST_PERSON.match(low):  # "we said", "my delegation warned": the text's own author
        return author if author is not None else _Speaker(label, None, True)
    inside = [m for m in in_sentence if cue.speaker_start <= m.start < cue.speaker_end]
    if low in sp.person_anaphora:
        for prev in reversed(speakers[-_LOOKBACK:]):
            if prev.person:
                return prev
        if speakers:
            return speakers[-1]
        return author if author is not None else _Speaker(label, None, True)
    if low in ("it", "they", "the statement", "its statement") or low.startswith("the statement"):
        if speakers:
            return speakers[-1]
        return author if author is not None else _Speaker(label, None, False)
    if sp.no_country.search(text[cue.speaker_start : max(cue.speaker_end, cue.desc_end)]):
        return _Speaker(label, None, not sp.body.search(label))
    if inside:
        country = inside[0].code
        return _Speaker(label, country, _is_person(label, inside))
    if any(low.startswith(a) for a in sp.body_anaphora) or (
        low.startswith("the ") and sp.body.search(label)
    ):
        for prev in reversed(speakers[-_LOOKBACK:]):
            if prev.country is not None:
                return _Speaker(label, prev.country, False)
        if author is not None:  # "the ministry said" in the ministry's own statement
            return author
        return _Speaker(label, None, False)
    surname = label.split()[-1].strip(".,'’") if label.split() else ""
    if surname in by_surname:
        prev = by_surname[surname]
        return _Speaker(label, prev.country, prev.person)
    return _Speaker(label, None, not sp.body.search(label))


# -- transcripts -----------------------------------------------------------------------------

_LABEL_TITLE = re.compile(r"^(?:mr|mrs|ms|dr|h\.?e)\.?\s+", re.I)


def _same_person(label: str, name: str) -> bool:
    """A turn label names the document's speaker: the same words, or the same surname
    ("ZAKHAROVA" or "Ms. Zakharova" for "Maria Zakharova")."""
    a = _LABEL_TITLE.sub("", re.sub(r"\s*\(.*\)$", "", label)).strip().lower()
    b = name.strip().lower()
    if not a or not b:
        return False
    return a == b or a in b or a.split()[-1] == b.split()[-1]


def _turn_speakers(
    text: str, turns: tuple[Turn, ...], article: _Article, author: _Speaker | None
) -> dict[int, tuple[_Speaker | None, bool]]:
    """For each turn (by its start): who speaks, and whether the turn is a question (nobody's
    statement). ``Q:``/``MODERATOR:`` ask; ``A:`` is the document's speaker. A named label is
    the document's speaker when it names that person, else an official or a body of the
    country its label names ("Foreign Minister Lavrov", "Iran's Foreign Ministry"); of the
    named labels left, the one with the most words is the document's speaker (the
    spokesperson answering); the others ask (journalists, outlets)."""
    out: dict[int, tuple[_Speaker | None, bool]] = {}
    if not turns:
        return out
    named: dict[str, _Speaker | None] = {}
    spoken: dict[str, int] = {}
    for t in turns:
        if t.role != "named":
            continue
        key = t.label.lower()
        spoken[key] = spoken.get(key, 0) + len(text[t.body : t.end].split())
        if key in named:
            continue
        if author is not None and author.label and _same_person(t.label, author.label):
            named[key] = author
            continue
        inside = article.mentions_in(t.start, t.body)
        sp = _speech()
        official = any(m.via == "official" for m in inside)
        if inside and (official or sp.person_title.search(t.label) or sp.body.search(t.label)):
            named[key] = _Speaker(t.label, inside[0].code, _is_person(t.label, inside))
        else:
            named[key] = None
    if author is not None and not any(
        v is author or (v is not None and v.country and v.country == author.country)
        for v in named.values()
    ):
        left = [k for k, v in named.items() if v is None]
        if left:
            named[max(left, key=lambda k: spoken[k])] = author
    for t in turns:
        if t.role == "question":
            out[t.start] = (None, True)
        elif t.role == "answer":
            out[t.start] = (author, False)
        else:
            who = named[t.label.lower()]
            out[t.start] = (who, who is None)
    return out

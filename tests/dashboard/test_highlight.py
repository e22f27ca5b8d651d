"""Highlighted text is built from escaped pieces only: hostile text stays text."""

from __future__ import annotations

import html
import json
import re

from hypothesis import given
from hypothesis import strategies as st

from tension.dashboard.highlight import (
    category_class,
    highlight_html,
    highlighted_block,
    legend_html,
    parse_terms,
)

HOSTILE = '<script>alert(1)</script> <img src=x onerror="alert(2)"> [link](http://evil/) warned'
MARK = re.compile(r'<mark class="tm tm-[a-z0-9-]+" title="[^"<>]*">|</mark>')


def _hit(text: str, word: str, category: str = "threat") -> dict[str, object]:
    start = text.index(word)
    return {
        "term": word,
        "category": category,
        "weight": 5,
        "start": start,
        "end": start + len(word),
    }


def test_hostile_text_is_escaped_and_terms_marked() -> None:
    out = highlight_html(HOSTILE, [_hit(HOSTILE, "warned")])
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "onerror=&quot;alert(2)&quot;" in out
    assert "[link](http://evil/)" in out  # st.html does not read Markdown: stays text
    assert out.endswith(
        '<mark class="tm tm-threat" title="warned (threat): +5 points">warned</mark>'
    )


def test_terms_inside_markup_are_escaped_too() -> None:
    text = "they said <b>attack</b>"
    out = highlight_html(text, [_hit(text, "<b>attack</b>")])
    assert ">&lt;b&gt;attack&lt;/b&gt;</mark>" in out


def test_category_becomes_a_safe_class_name() -> None:
    assert category_class('x" onmouseover="alert(1)') == "tm-x-onmouseover-alert-1"
    assert category_class("") == "tm-term"
    text = "a threat"
    out = highlight_html(text, [_hit(text, "threat", category='"><script>')])
    assert "<script>" not in out and 'class="tm tm-script"' in out


def test_bad_terms_are_skipped() -> None:
    text = "short"
    terms = [
        {"term": "x", "category": "c", "weight": 1, "start": 3, "end": 99},  # past the end
        {"term": "x", "category": "c", "weight": 1, "start": 2, "end": 2},  # empty
        {"term": "x", "category": "c"},  # no offsets
        "not a dict",
    ]
    assert highlight_html(text, terms) == "short"  # type: ignore[arg-type]
    assert highlight_html(text, "not json") == "short"
    assert highlight_html(text, None) == "short"
    assert parse_terms(json.dumps([{"term": "s", "category": "c", "start": 0, "end": 1}]))


def test_overlapping_terms_keep_the_first() -> None:
    text = "peace deal now"
    terms = [_hit(text, "peace deal", "cooperation"), _hit(text, "deal", "other")]
    out = highlight_html(text, terms)
    assert out.count("<mark") == 1 and "peace deal</mark>" in out


def test_block_has_styles_for_each_category() -> None:
    block = highlighted_block(HOSTILE, [_hit(HOSTILE, "warned")])
    assert block.startswith("<style>") and "mark.tm-threat" in block
    assert "<script>" not in block


@given(
    text=st.text(max_size=80),
    spans=st.lists(st.tuples(st.integers(-2, 90), st.integers(-2, 90)), max_size=6),
    category=st.text(max_size=12),
)
def test_only_marks_are_markup_and_text_round_trips(
    text: str, spans: list[tuple[int, int]], category: str
) -> None:
    terms = [
        {"term": "t", "category": category, "weight": 1.0, "start": a, "end": b} for a, b in spans
    ]
    out = highlight_html(text, terms)
    bare = MARK.sub("", out)
    assert "<" not in bare and ">" not in bare
    assert html.unescape(bare) == text


def test_legend_names_each_highlight_colour_and_its_direction() -> None:
    terms = [
        {"term": "warn*", "category": "threat", "weight": 8.0, "start": 0, "end": 4},
        {"term": "talks", "category": "cooperation", "weight": -4.0, "start": 5, "end": 10},
        {"term": "<b>", "category": "<b>evil</b>", "weight": 1.0, "start": 11, "end": 12},
    ]
    legend = legend_html(terms)
    assert 'class="tm tm-threat">threat</mark> <span class="tm-side">+ escalating' in legend
    assert 'tm-cooperation">cooperation</mark> <span class="tm-side">− de-escalating' in legend
    assert "<b>evil" not in legend and "&lt;b&gt;evil" in legend
    assert legend_html([]) == ""
    assert "Highlights:" in highlighted_block("warn talks x", terms)
    assert "Highlights:" not in highlighted_block("warn talks x", terms, legend=False)

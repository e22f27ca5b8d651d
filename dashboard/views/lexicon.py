"""Lexicon: the terms and weights in use, a box to score any text live (its score, and who
speaks about whom in it), and where the user lexicon and officials files live."""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd
import streamlit as st

from tension.dashboard import lexicon as lex
from tension.dashboard import ui
from tension.dashboard.figures import contributions_frame, lexicon_figure, waterfall_figure
from tension.dashboard.highlight import highlighted_block
from tension.data.errors import DataError
from tension.data.settings import SETTINGS, resolve

st.title("Lexicon")

for name, what in (
    ("lexicon", "adds, reweights or removes terms of the bundled lexicon"),
    ("officials", "adds officials (names, country, dates in office) for attribution"),
):
    path = resolve(name)
    if path:
        status = "found" if path.expanduser().exists() else "not found"
        st.text(f"User {name}: {path} ({status})")
    else:
        st.text(
            f"No user {name}: set {SETTINGS[name].env} (or tension dashboard --{name} FILE) to "
            f"a TOML file that {what}."
        )

try:
    analyzer = lex.spec().build()
except (DataError, ValueError) as exc:  # a broken user file: say which line, keep the page usable
    ui.error(f"The user files could not be loaded: {exc}")
    st.stop()
lexicon = analyzer.scorer.lexicon

st.subheader("Try it")
text = st.text_area(
    "Type or paste text to score",
    value="The minister warned that any provocation would be met with force.",
    max_chars=20_000,
)
if text.strip():
    score = analyzer.scorer.score(text)
    st.metric("Intensity (0–100)", f"{score.intensity:.1f}", help=f"raw {score.raw:+.2f}")
    terms = [asdict(t) for t in score.terms]
    st.html(highlighted_block(text, terms))
    contributions = contributions_frame([asdict(c) for c in score.contributions])
    ui.chart(
        waterfall_figure(contributions, score.intensity, text),
        contributions,
        "lexicon-explanation",
        key="lexicon-waterfall",
    )
    st.caption("Who speaks about whom (with the officials in use; no date, so the latest holders)")
    ui.plain_table(lex.statements_frame(analyzer.analyze(text)), width="stretch")

st.subheader("Terms and weights in use")
entries = lex.entries(lexicon)
st.caption(f"{len(entries):,} terms · version {lexicon.version}")
ui.chart(lexicon_figure(entries), entries, "lexicon-categories", key="lexicon-bar")
find = st.text_input("Find a term", max_chars=100)
shown = entries
if find.strip():
    shown = entries[entries["term"].str.contains(find.strip(), case=False, regex=False)]
ui.plain_table(pd.DataFrame(shown), width="stretch", height=420)

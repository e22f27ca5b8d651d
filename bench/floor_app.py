"""The browser bench's floor: a Streamlit page with one three-point Plotly chart and a radio
that redraws it, and nothing else (no data, no queries). What it takes to draw, or to redraw
after a click, is what any Streamlit + Plotly page costs in that browser on that machine."""

import plotly.graph_objects as go
import streamlit as st

st.title("Floor")
choice = str(st.radio("Series", ["a", "b", "c"], horizontal=True, key="v"))
st.query_params["v"] = choice
y = {"a": [1, 3, 2], "b": [2, 1, 3], "c": [3, 2, 1]}[choice]
fig = go.Figure(go.Scatter(x=[1, 2, 3], y=y), layout_title_text=f"series {choice}")
st.plotly_chart(fig, key="floor")

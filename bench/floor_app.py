"""The browser bench's floor: a Streamlit page with one three-point Plotly chart and nothing
else (no data, no queries). What it takes to draw is what any Streamlit + Plotly page costs
in that browser on that machine; the dashboard's pages can only be faster by that much less."""

import plotly.graph_objects as go
import streamlit as st

st.title("Floor")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])), key="floor")

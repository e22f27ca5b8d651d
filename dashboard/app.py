"""The dashboard's router: ``streamlit run dashboard/app.py`` (or ``tension dashboard``)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).with_name("pages")

st.set_page_config(page_title="Tension Dashboard", page_icon="📈", layout="wide")

navigation = st.navigation(
    [
        st.Page(
            str(PAGES / "timeline.py"), title="Pair timeline", url_path="timeline", default=True
        ),
    ]
)
navigation.run()

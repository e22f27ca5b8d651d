"""The dashboard's router: ``streamlit run dashboard/app.py`` (or ``tension dashboard``).

Pages are thin: they read filters from the URL (:mod:`dashboard.state`), ask
:mod:`dashboard.store` for data, and draw figures from :mod:`dashboard.figures`. A failure
shows a one-line message, never a stack trace (the trace goes to the server log).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `streamlit run dashboard/app.py` from a source checkout
    sys.path.insert(0, str(ROOT))

from dashboard.ui import error  # noqa: E402
from data.errors import DataError  # noqa: E402

PAGES = Path(__file__).with_name(
    "views"
)  # not "pages": that name turns on the old folder-based navigation
log = logging.getLogger("tension.dashboard")

st.set_page_config(page_title="Tension Dashboard", page_icon="📈", layout="wide")

navigation = st.navigation(
    [
        st.Page(str(PAGES / "overview.py"), title="Overview", url_path="overview", default=True),
        st.Page(str(PAGES / "timeline.py"), title="Pair timeline", url_path="timeline"),
        st.Page(str(PAGES / "compare.py"), title="Compare", url_path="compare"),
        st.Page(str(PAGES / "statements.py"), title="Statements", url_path="statements"),
        st.Page(str(PAGES / "add_data.py"), title="Add data", url_path="add_data"),
        st.Page(str(PAGES / "lexicon.py"), title="Lexicon", url_path="lexicon"),
    ]
)
st.sidebar.caption(
    "Rhetoric intensity is an indicator of how words were used, not a prediction of events."
)
try:
    navigation.run()
except DataError as exc:
    error(str(exc))
except Exception as exc:  # st.stop / reruns are BaseExceptions and pass through
    log.exception("page %s failed", navigation.title)
    first = str(exc).splitlines()[0][:200] if str(exc) else ""
    error(f"This page could not be shown ({type(exc).__name__}{': ' + first if first else ''}).")

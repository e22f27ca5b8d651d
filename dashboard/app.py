"""The dashboard's router, started by ``tension dashboard`` (``streamlit run`` on this file).

Pages are thin: they read filters from the URL (:mod:`tension.dashboard.state`), ask
:mod:`tension.dashboard.store` for data, and draw figures from :mod:`tension.dashboard.figures`. A
failure
shows a one-line message, never a stack trace (the trace goes to the server log).
"""

from __future__ import annotations

import logging
import tomllib
from importlib.resources import files
from pathlib import Path

import streamlit as st

from tension.dashboard import store
from tension.dashboard.ui import error, md_escape
from tension.data.errors import DataError

PAGES = Path(__file__).with_name(
    "views"
)  # not "pages": that name turns on the old folder-based navigation
log = logging.getLogger("tension.dashboard")


def _client_options() -> None:
    """The packaged ``config.toml``'s client options that a script may set (toolbar, error
    details): ``tension dashboard`` passes every option as a flag, but an app started with
    a bare ``streamlit run .../app.py`` outside the checkout would show Streamlit's "Deploy"
    button and full error details without this."""
    raw = files("tension.dashboard").joinpath("config.toml").read_text(encoding="utf-8")
    for name, value in tomllib.loads(raw).get("client", {}).items():
        if name in ("toolbarMode", "showErrorDetails"):
            st.set_option(f"client.{name}", value)


_client_options()
st.set_page_config(page_title="Tension Dashboard", page_icon="📈", layout="wide")

SHOWN = (
    # (file, title, path); the Overview is served at "/" but still reserves a path, which
    # must not be the alias's
    ("overview.py", "Overview", "home"),
    ("timeline.py", "Pair timeline", "timeline"),
    ("compare.py", "Compare", "compare"),
    ("ranking.py", "Ranking", "ranking"),
    ("country.py", "Country", "country"),
    ("map.py", "Map", "map"),
    ("annotations.py", "Annotations", "annotations"),
    ("statements.py", "Statements", "statements"),
    ("add_data.py", "Add data", "add_data"),
    ("lexicon.py", "Lexicon", "lexicon"),
    ("alerts.py", "Alerts", "alerts"),
)
PAGES_SHOWN = [
    st.Page(str(PAGES / name), title=title, url_path=path, default=path == "home")
    for name, title, path in SHOWN
]


def _overview_alias() -> None:
    """``/overview``: the Overview lives at ``/`` (Streamlit's default page has no path of
    its own), so a link to ``/overview`` goes there, its query kept."""
    st.switch_page(PAGES_SHOWN[0], query_params=st.query_params.to_dict())


# The sidebar is drawn here (the router's own is hidden) so that the alias is not listed.
navigation = st.navigation(
    [*PAGES_SHOWN, st.Page(_overview_alias, title="Overview (link)", url_path="overview")],
    position="hidden",
)
with st.sidebar:
    for page, (_, title, _) in zip(PAGES_SHOWN, SHOWN, strict=True):
        st.page_link(page, label=title)
st.sidebar.caption(
    "Rhetoric intensity is an indicator of how words were used, not a prediction of events."
)
try:
    if damaged := store.damaged():
        st.sidebar.warning(
            md_escape(
                f"{len(damaged)} damaged batch(es) left out of every page "
                f"(first: {next(iter(damaged.items()))[1]}). "
                "Run tension check, then tension repair."
            )
        )
    navigation.run()
except DataError as exc:
    error(str(exc))
except Exception as exc:  # st.stop / reruns are BaseExceptions and pass through
    log.exception("page %s failed", navigation.title)
    first = str(exc).splitlines()[0][:200] if str(exc) else ""
    error(f"This page could not be shown ({type(exc).__name__}{': ' + first if first else ''}).")

"""Country outlines for the Map page, served by the dashboard itself (no network).

Plotly's geo charts fetch their outlines (TopoJSON) from a CDN when drawn. The dashboard ships
``static/world_110m.json`` instead (1:110m outlines of Natural Earth's public-domain data, by
way of the ``world-atlas`` package, ISC licence in ``static/LICENSE-world-atlas.txt``; rebuilt
by ``tools/build_world_map.py``), Streamlit serves it (``server.enableStaticServing``, at
``/app/static/``), and the Map page points Plotly's ``topojsonURL`` there (:func:`plot_config`).
Countries too small for the 1:110m outlines (Bahrain, Singapore, many islands) cannot be
drawn: :func:`mapped_codes` says which can, and the page lists the others in its table.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

import streamlit as st


@cache
def mapped_codes() -> frozenset[str]:
    """The alpha-3 codes the map can draw."""
    raw = files("tension.dashboard").joinpath("static/world_110m.json").read_bytes()
    geometries = json.loads(raw)["objects"]["countries"]["geometries"]
    return frozenset(str(g["id"]) for g in geometries)


def topojson_url() -> str:
    """Where the dashboard serves its outlines, under the server's base URL path."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/" if base else "/app/static/"


def plot_config() -> dict[str, Any]:
    """The Plotly config that makes a map read the outlines from this server."""
    return {"topojsonURL": topojson_url()}

"""Rebuild ``dashboard/static/world_110m.json``: the country outlines the Map page draws.

Input: ``countries-110m.json`` of the ``world-atlas`` npm package (TopoJSON made from Natural
Earth's public-domain 1:110m data, ISC licence), given as the first argument. Output: the same
topology with each country's id turned from its ISO numeric code into its alpha-3 code, and
the object layers Plotly's geo subplot expects (``countries``, ``land``, ``coastlines``,
``ocean``, ``lakes``, ``rivers``, ``subunits``; only ``countries`` and ``land`` hold shapes), so
a choropleth with ``locationmode="ISO-3"`` finds every country in it. The dashboard serves
the file itself (``server.enableStaticServing``) and points Plotly's ``topojsonURL`` at it, so
the browser fetches no map from a CDN. Outlines without a numeric code are dropped, except
Kosovo (XKX).

    python -m tools.build_world_map /path/to/world-atlas/countries-110m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "dashboard" / "static" / "world_110m.json"
_BY_NAME = {"Kosovo": "XKX"}


def convert(topo: dict) -> dict:  # type: ignore[type-arg]
    geometries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        code = None
        if geom.get("id") is not None:
            found = pycountry.countries.get(numeric=str(geom["id"]).zfill(3))
            code = found.alpha_3 if found else None
        code = code or _BY_NAME.get(geom.get("properties", {}).get("name", ""))
        if code:
            geometries.append({"type": geom["type"], "arcs": geom["arcs"], "id": code})
    empty = {"type": "GeometryCollection", "geometries": []}
    return {
        "type": "Topology",
        "transform": topo["transform"],
        "arcs": topo["arcs"],
        "objects": {
            "countries": {"type": "GeometryCollection", "geometries": geometries},
            "land": {"type": "GeometryCollection", "geometries": geometries},
            **{name: empty for name in ("coastlines", "ocean", "lakes", "rivers", "subunits")},
        },
    }


def main(source: str) -> None:
    topo = json.loads(Path(source).read_text(encoding="utf-8"))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(convert(topo), separators=(",", ":")), encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1])

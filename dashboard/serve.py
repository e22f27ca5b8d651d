"""The dashboard's server process: ``python -m tension.dashboard.serve run app.py [flags]``.

``tension dashboard`` (and every test and benchmark that starts the server, through
:func:`tension.commands.dashboard.streamlit_args`) runs Streamlit through this module rather
than ``python -m streamlit`` so that the work every first page view would otherwise pay is
done once, before the first visitor:

- :func:`preload` imports what the router and the pages import (found by reading their
  ``import`` statements, so a new page is covered without a list to keep up to date):
  pandas, Plotly, DuckDB, SciPy and the scoring package took 2–3 s of CPU on a first visit.
- :func:`gc.freeze` then moves everything loaded so far out of the garbage collector's
  reach: Streamlit runs a full collection after every script run (``runner.postScriptGC``),
  which walked those ~150,000 long-lived objects each time (0.2–0.3 s on a loaded 2-core
  machine, holding the interpreter lock while the page's last messages waited to be sent).
  Objects made by page runs are still collected as before.
- :func:`warm_store` (in a background thread, so a large store does not delay the server's
  start) opens the configured store's reader and builds the aggregates every page reads
  (the summary, the daily per-pair tables and their totals).

None of this changes what a page shows; a failure here is logged and the server starts
anyway (the pages then do the work themselves, as before).
"""

from __future__ import annotations

import ast
import gc
import importlib
import logging
import sys
import threading
from pathlib import Path

log = logging.getLogger("tension.dashboard")
HERE = Path(__file__).resolve().parent
SERVER_MODULES = (
    "streamlit.web.bootstrap",
    "streamlit.web.server",
    "streamlit.runtime.scriptrunner",
    "plotly.graph_objects",
)
"""Imported besides the pages' own imports: Streamlit's server (so that its long-lived
objects are frozen too) and Plotly's figure classes (imported lazily by ``plotly``)."""


def page_imports(*scripts: Path) -> list[str]:
    """The absolute module names that ``scripts`` import at their top level, in order, each
    once: ``from a.b import c`` gives ``a.b`` and, when ``c`` is a submodule, ``a.b.c``
    (tried at import time by :func:`preload`)."""
    names: dict[str, None] = {}
    for script in scripts:
        tree = ast.parse(script.read_text(encoding="utf-8"), filename=str(script))
        for node in tree.body:
            if isinstance(node, ast.Import):
                names.update((alias.name, None) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module == "__future__":
                    continue
                names[node.module] = None
                names.update((f"{node.module}.{alias.name}", None) for alias in node.names)
    return list(names)


def preload(scripts: list[Path] | None = None) -> list[str]:
    """Import every module the router and the pages import (``scripts``: ``app.py`` and
    ``views/*.py`` by default); returns the names imported. A name that is not a module (a
    function or class imported by ``from m import name``) is skipped; a module that fails to
    import is logged and skipped (its page reports the error itself when it runs)."""
    if scripts is None:
        scripts = [HERE / "app.py", *sorted((HERE / "views").glob("*.py"))]
    done = []
    for name in [*page_imports(*scripts), *SERVER_MODULES]:
        if name in sys.modules:
            done.append(name)
            continue
        parent, _, attr = name.rpartition(".")
        if parent in sys.modules and hasattr(sys.modules[parent], attr):
            continue  # ``from m import function``: not a module
        try:
            importlib.import_module(name)
        except Exception as exc:  # the page shows its own error when it runs
            log.warning("preloading %s failed: %s", name, exc)
            continue
        done.append(name)
    return done


def warm_store() -> None:
    """Open the configured store's reader (the one the pages share) and build the aggregates
    every page reads. Logs and returns on any failure: the pages report store errors."""
    try:
        from tension.dashboard import store
        from tension.data.store import queries as q

        reader = store.reader()
        q.summary(reader)
        q.pair_counts(reader)  # the daily per-pair tables and their totals
    except Exception as exc:
        log.warning("warming the store failed (the first page will do it): %s", exc)


def main() -> None:
    """Preload, freeze, warm the store in the background, then run Streamlit's command line
    on this process's arguments (as ``python -m streamlit`` does)."""
    preload()
    gc.collect()  # what is garbage now is not frozen forever
    gc.freeze()
    threading.Thread(target=warm_store, name="tension-warm-store", daemon=True).start()
    from streamlit.web import cli

    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()

"""The Streamlit app: one router (``app.py``), thin pages, pure Plotly figure builders.

Pages never write SQL: they call :mod:`tension.data.store.queries` through
:mod:`tension.dashboard.store`,
which caches results in bounded caches.
"""

"""The Streamlit app: one router (``app.py``), thin pages, pure Plotly figure builders.

Pages never write SQL: they call :mod:`data.store.queries` through :mod:`dashboard.store`,
which caches results in bounded caches.
"""

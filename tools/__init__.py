"""Build tools kept with the repository (not installed): they derive committed data files.

Run them from the repository root as modules, e.g. ``python -m tools.build_cameo``.
"""

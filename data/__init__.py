"""Getting data in and keeping it: sources, the store, the demo corpus.

Everything with side effects lives here; the pure work is delegated to :mod:`tension.scoring`.
"""

"""The ``tension`` command line: a thin layer over :mod:`tension.scoring` and
:mod:`tension.data`."""

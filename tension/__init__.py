"""The ``tension`` command line: a thin layer over :mod:`scoring` and :mod:`data`."""

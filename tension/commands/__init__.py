"""One module per ``tension`` sub-command, each exposing ``command``."""

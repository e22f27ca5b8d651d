"""The uncertainty of the means the pages show: kept in :mod:`tension.data.stats` (the alert
rules of :mod:`tension.data.monitor` use the same test of change as the Overview, and
``data`` must not import the dashboard); re-exported here for the pages."""

from tension.data.stats import LEVEL, Change, from_sums, min_count, pooled, t_interval, welch_change

__all__ = ["LEVEL", "Change", "from_sums", "min_count", "pooled", "t_interval", "welch_change"]

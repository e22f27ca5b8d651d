"""The computations on series the pages draw (calendar, smoothing, spikes, asymmetry, rises):
kept in :mod:`tension.data.series` (the alert rules of :mod:`tension.data.monitor` use the
same spike and change definitions, and ``data`` must not import the dashboard);
re-exported here for the pages."""

from tension.data.series import (
    MIN_SCALE,
    asymmetry,
    bucket_end,
    bucket_start,
    calendar,
    latest_spikes,
    mark_spikes,
    on_calendar,
    ranked_rises,
    rolling,
    with_interval,
)

__all__ = [
    "MIN_SCALE",
    "asymmetry",
    "bucket_end",
    "bucket_start",
    "calendar",
    "latest_spikes",
    "mark_spikes",
    "on_calendar",
    "ranked_rises",
    "rolling",
    "with_interval",
]

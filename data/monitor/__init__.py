"""Monitoring: watchlists and alert rules (:mod:`~tension.data.monitor.rules`), their
evaluation over the store (:mod:`~tension.data.monitor.evaluate`), the alert messages
(:mod:`~tension.data.monitor.message`), the alerts kept in the store and their delivery
(:mod:`~tension.data.monitor.alerts`) through apprise (:mod:`~tension.data.monitor.notify`).
"""

from tension.data.monitor.alerts import (
    Alert,
    NotifyError,
    RunReport,
    Target,
    acknowledge,
    read_alerts,
    run,
)
from tension.data.monitor.evaluate import Finding, evaluate
from tension.data.monitor.notify import apprise_targets, split_urls
from tension.data.monitor.rules import (
    KINDS,
    Rule,
    RulesError,
    RuleSet,
    load_rules,
    read_rules,
    write_rules,
)

__all__ = [
    "KINDS",
    "Alert",
    "Finding",
    "NotifyError",
    "Rule",
    "RuleSet",
    "RulesError",
    "RunReport",
    "Target",
    "acknowledge",
    "apprise_targets",
    "evaluate",
    "load_rules",
    "read_alerts",
    "read_rules",
    "run",
    "split_urls",
    "write_rules",
]

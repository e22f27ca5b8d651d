"""``tension alerts``: evaluate the alert rules once and send what is new (for cron)."""

from __future__ import annotations

import click

from tension.data.settings import resolve
from tension.options import setting_option


def run_alerts(
    db: str | None, rules: str | None, notify: str | None, dashboard_url: str | None
) -> int:
    """Evaluate the rules file on the store, send new alerts (and retry failed ones), print
    one line per alert; the number of alerts some target refused. No rules file: 0,
    nothing done (watch runs without rules)."""
    from tension.data.monitor import apprise_targets, read_rules, run

    path = resolve("rules", rules)
    if path is None:
        return 0
    ruleset = read_rules(path)
    targets = apprise_targets(resolve("notify", notify))
    report = run(
        resolve("db", db), ruleset, targets, base_url=resolve("dashboard_url", dashboard_url)
    )
    for alert in report.fired:
        click.echo(f"fired: {alert.title}: {alert.figure}")
    for alert in report.ended:
        click.echo(f"ended: {alert.rule} {alert.src}→{alert.tgt} (fired {alert.fired_at})")
    for alert in report.delivered:
        click.echo(f"sent: {alert.rule} {alert.src}→{alert.tgt} to {len(targets)} target(s)")
    for alert, reason in report.failed:
        click.echo(f"not sent (retried next time): {alert.rule} {alert.src}→{alert.tgt}: {reason}")
    if not targets and report.fired:
        click.echo("no notify targets: alerts are stored and listed on the Alerts page only")
    return len(report.failed)


@click.command("alerts")
@setting_option("db")
@setting_option("rules")
@setting_option("notify")
@setting_option("dashboard_url")
def command(
    db: str | None, rules: str | None, notify: str | None, dashboard_url: str | None
) -> None:
    """Evaluate the alert rules on the store once and send each new alert (for cron).

    An alert fires once when a rule starts to hold for a pair and is sent once to each
    --notify target; a send that fails is retried on the next run. The state is kept in
    the store (alerts.json), so runs and restarts never repeat an alert. Exits 1 when some
    alert could not be sent.

    \b
    Example:
      tension alerts --rules rules.toml --notify "json://localhost:8080/hook"
      */15 * * * * tension alerts --db ~/store --rules ~/rules.toml  # crontab
    """
    if resolve("rules", rules) is None:
        raise click.UsageError("no rules file: give --rules FILE or set TENSION_RULES")
    if run_alerts(db, rules, notify, dashboard_url):
        raise SystemExit(1)

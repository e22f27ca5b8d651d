"""Alerts: the alerts the rules fired (``tension watch``/``tension alerts``), one opened with
its figure, links and quotes, an acknowledgement that is kept in the store, and the rules
file, checked before it is saved."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import streamlit as st

from tension.dashboard import names, state, store, ui
from tension.dashboard.alert_tables import COLUMNS, alerts_table, utc
from tension.data.monitor import RulesError, acknowledge, load_rules, read_alerts, write_rules
from tension.data.settings import SETTINGS, resolve

PAGE = "alerts"

st.title("Alerts")
root = store.store_path()
alerts = read_alerts(root)
by_id = {a.id: a for a in alerts}

show_acked = st.toggle(
    "Show acknowledged alerts",
    key=state.seed(PAGE, "acked", state.get_choice("acked", ("0", "1"), "0") == "1"),
)
chosen = state.get_id("alert")
if chosen not in by_id:
    chosen = None
state.put(acked="1" if show_acked else None, alert=chosen)

table = alerts_table(alerts, acknowledged=show_acked)
unacked = sum(1 for a in alerts if not a.acknowledged)
st.caption(
    f"{len(alerts)} alert(s) fired, {unacked} not acknowledged. An alert fires once when a rule "
    "starts to hold for a pair and ends when it no longer holds. Select a row to open it."
)
if table.empty:
    st.info(
        "No alert to show. Alerts fire when `tension watch --rules FILE` or "
        "`tension alerts --rules FILE` finds a rule met."
        if not alerts
        else "Every alert is acknowledged (turn on “Show acknowledged alerts” to list them)."
    )
else:
    picked = ui.plain_table(
        table[COLUMNS],
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=f"{PAGE}.table",
    )
    rows = picked.selection.rows if picked is not None else []  # type: ignore[union-attr]
    if rows:
        picked_id = str(table.iloc[rows[0]]["id"])
        if picked_id != chosen:
            chosen = picked_id
            state.put(alert=chosen)

if chosen is not None:
    alert = by_id[chosen]
    st.subheader(f"{names.direction(alert.src, alert.tgt)} · {alert.rule}")
    st.text(f"Figure: {alert.figure}")
    st.text(f"Rule: {alert.rule} ({alert.kind}) · fired {utc(alert.fired_at)} UTC")
    l1, l2 = st.columns(2)
    # the views the alert's own links open (a base URL of its own aside)
    if l1.button("Open the timeline", key=f"{PAGE}.timeline"):
        st.switch_page(
            "views/timeline.py", query_params=dict(parse_qsl(urlsplit(alert.link).query))
        )
    if l2.button("Read the statements", key=f"{PAGE}.statements"):
        st.switch_page(
            "views/statements.py",
            query_params=dict(parse_qsl(urlsplit(alert.statements_link).query)),
        )
    if alert.quotes:
        st.caption("Most intense statements behind it")
        for quote in alert.quotes:
            st.markdown(
                f"> {ui.md_escape(quote['text'])}\n\n"
                f"— {ui.md_escape(quote['speaker'])}, {quote['published']} · "
                f"intensity {quote['intensity']:.1f}"
            )
    st.caption(f"Links sent with the alert: {alert.link} · {alert.statements_link}")
    if alert.acknowledged:
        who = f" by {alert.acknowledged_by}" if alert.acknowledged_by else ""
        st.success(f"Acknowledged {utc(alert.acknowledged_at)} UTC{who}.")
    else:
        a1, a2 = st.columns([3, 1])
        who_ = a1.text_input("Your name (optional)", max_chars=80, key=f"{PAGE}.who")
        if a2.button("Acknowledge", type="primary", key=f"{PAGE}.ack"):
            acknowledge(root, alert.id, who_)
            st.session_state.pop(f"{PAGE}.table", None)  # the rows change: drop the selection
            st.rerun()

st.subheader("Rules")
path = resolve("rules")
if path is None:
    st.info(
        f"No rules file: start the dashboard with --rules FILE (or set {SETTINGS['rules'].env}) "
        "to edit it here; `tension watch` and `tension alerts` read the same file."
    )
else:
    path = path.expanduser()
    try:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        ui.error(f"{path}: cannot read the rules file ({exc})")
        st.stop()
    st.caption(
        f"{path} · checked before it is saved: a file with an error is never written. "
        "See README, Monitoring, for the format."
    )
    text = st.text_area("Rules file (TOML)", value=current, height=320, key=f"{PAGE}.rules")
    b1, b2, _ = st.columns([1, 1, 4])
    check, save = b1.button("Check", key=f"{PAGE}.check"), b2.button("Save", key=f"{PAGE}.save")
    if check or save:
        try:
            rules = write_rules(path, text) if save else load_rules(text, str(path))
        except RulesError as exc:
            ui.error(str(exc))
        else:
            verb = "Saved" if save else "Valid"
            st.success(
                f"{verb}: {len(rules.watchlists)} watchlist(s), {len(rules.rules)} rule(s)"
                + (": " + ", ".join(r.name for r in rules.rules) if rules.rules else "")
                + "."
            )

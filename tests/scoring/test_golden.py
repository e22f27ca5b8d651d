"""``analyze()`` gives exactly the committed output on the golden set (see ``golden.py``)."""

from __future__ import annotations

import json

import pytest

from tests.scoring.golden import GOLDEN, digests

pytestmark = pytest.mark.slow


def test_analyze_is_unchanged_on_the_golden_set() -> None:
    before = json.loads(GOLDEN.read_text(encoding="utf-8"))
    now = digests()
    assert now.keys() == before.keys(), "the golden texts changed: regenerate golden.json"
    changed = sorted(k for k in now if now[k] != before[k])
    assert not changed, (
        f"{len(changed)} of {len(now)} golden texts give a different analysis, first: "
        f"{changed[:10]}. If the change is meant (new lexicon or scorer version), run "
        "`python -m tests.scoring.golden` and say why in the commit."
    )

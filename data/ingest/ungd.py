"""The UN General Debate Corpus layout: one speech a file, named ``ISO3_session_year.txt``.

The UN General Debate Corpus (Baturo, Dasandi, Jankin Mikhaylov; Harvard Dataverse,
doi:10.7910/DVN/0TJX8Y) holds every member state's annual speech in the General Assembly's
General Debate since 1946, as folders ``Session 75 - 2020/AZE_75_2020.txt``. A file named so
(the code in capitals, the session number, the year, with year = session + 1945) is read as
that country's speech:

- speaker country: the code (``AZE``); former countries keep their own code (``YUG``,
  ``SUN``, ``CSK``, ``DDR``); a code that is no country (``EU``) becomes the speaker's name,
  with no country;
- date: **1 September** of the year. The corpus gives the year only; the session opens in
  September and its General Debate follows in the second half of the month (in early
  sessions, October or November), so series of these speeches should be read by month or
  year, not by day.

Any ``Key: value`` header of the file still wins (see :mod:`tension.data.ingest.files`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from tension.scoring import country_code

__all__ = ["DEBATE_MONTH", "DebateSpeech", "debate_speech"]

DEBATE_MONTH = 9
"""The month a General Debate speech is dated to (its day: the 1st)."""

_NAME = re.compile(r"^([A-Z]{2,4})_(\d{1,3})_(\d{4})\.txt$")
_FIRST_SESSION_YEAR = 1945  # session 1 was held in 1946


@dataclass(frozen=True, slots=True)
class DebateSpeech:
    """What a General Debate file's name says: who spoke, at which session, when."""

    code: str
    country: str | None
    session: int
    year: int

    @property
    def published(self) -> date:
        return date(self.year, DEBATE_MONTH, 1)

    @property
    def speaker(self) -> str | None:
        """A speaker's name for a code that is no country (the European Union's ``EU``)."""
        return None if self.country else self.code


def debate_speech(name: str) -> DebateSpeech | None:
    """The speech a file ``name`` (a path or a bare name) holds in the General Debate
    layout, or None when the name is not in that layout."""
    m = _NAME.match(PurePath(name).name)
    if not m:
        return None
    code, session, year = m.group(1), int(m.group(2)), int(m.group(3))
    if session < 1 or year != session + _FIRST_SESSION_YEAR:
        return None
    return DebateSpeech(code, country_code(code) if len(code) == 3 else None, session, year)

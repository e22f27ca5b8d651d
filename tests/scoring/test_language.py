"""Only English is scored: texts surely in another language are named, English is not,
whatever its length (issue 11, item 5). Every text here is written for this test."""

from __future__ import annotations

import pytest

from tension.scoring.language import detect_language, not_scored_reason

FOREIGN = [
    (
        "fr",
        "Le ministère des Affaires étrangères a convoqué l'ambassadeur et a exigé des "
        "explications après les frappes de drones contre l'aéroport. Il a dénoncé une "
        "violation de la souveraineté du pays et promis une réponse proportionnée.",
    ),
    (
        "ru",
        "Министерство иностранных дел вызвало посла и потребовало объяснений после ударов "
        "беспилотников по аэропорту. В заявлении говорится о нарушении суверенитета страны.",
    ),
    (
        "ar",
        "استدعت وزارة الخارجية السفير وطالبت بتفسير عاجل بعد الهجوم على المطار، وأكدت أن ذلك "
        "يمثل انتهاكا خطيرا لسيادة البلاد ووعدت برد مناسب.",
    ),
    (
        "de",
        "Das Außenministerium bestellte den Botschafter ein und verlangte eine Erklärung, "
        "nachdem Drohnen den Flughafen getroffen hatten. Es sprach von einer Verletzung der "
        "Souveränität des Landes.",
    ),
    ("ru", "Посол был вызван в министерство."),  # short, but in another script
]
ENGLISH = [
    "Kremlin warns Kyiv.",
    "Baku summons envoy.",
    "Khartoum shelled overnight.",
    "Erdogan calls Aliyev over Nakhchivan.",
    "Houthis target ship in Red Sea.",
    "Seoul, Tokyo agree to talks.",
    "Putin meets Xi in Beijing.",
    "The foreign ministry summoned the ambassador and demanded an explanation after drones "
    "struck the airport, calling it a violation of the country's sovereignty.",
    "“C'est la vie,” the envoy said after the talks in Paris collapsed, before flying home to "
    "brief the president on the failed ceasefire negotiations.",
    "",
    "12:30 — 14:00",
]


@pytest.mark.parametrize(("language", "text"), FOREIGN)
def test_text_in_another_language_is_named(language: str, text: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ENGLISH)
def test_english_and_short_headlines_are_scored(text: str) -> None:
    assert detect_language(text) is None


def test_only_the_start_of_a_long_text_is_read() -> None:
    english = (ENGLISH[7] + " ") * 12
    french = (FOREIGN[0][1] + " ") * 12
    assert detect_language(english + french) is None
    assert detect_language(french + english) == "fr"


def test_the_reason_reads_as_the_dashboard_shows_it() -> None:
    assert not_scored_reason("fr") == "not scored (language fr)"

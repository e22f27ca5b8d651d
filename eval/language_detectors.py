"""Compare language detectors for issue 11, item 5 (only English is scored): py3langid won and
is wired in (scoring/language.py).

Run in a scratch environment that has the candidates (they are not project dependencies)::

    python -m venv /tmp/lang && /tmp/lang/bin/pip install lingua-language-detector py3langid psutil
    /tmp/lang/bin/python eval/language_detectors.py

For each detector found: time and memory (RSS growth) to its first answer on an article and
at the end of the run (lingua loads the models of a language when a text needs them), time
per 5 KB article (the first seed article, English), English headlines of 3-6 words wrongly
called another language (all of them, and with the detector's probability >= 0.9),
one-paragraph texts in six languages written for this script, and English sentences of the
development sets called another language with probability >= 0.9 (false alarms that would
drop English text unscored).
Each detector runs in its own process so that memory figures do not mix.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
HEADLINES = [
    "Iran denied the claims.", "Troops fired on protesters.", "Talks resume Monday.",
    "Baku summons envoy.", "Drones hit Nakhchivan airport.", "Kremlin warns Kyiv.",
    "NATO allies meet in Vilnius.", "Ceasefire holds in Gaza.", "Erdogan calls Aliyev.",
    "Sanctions tightened on Tehran.", "Minister resigns over scandal.", "Border clashes kill two.",
    "Yerevan protests Baku move.", "UN envoy urges restraint.", "Oil prices jump after strike.",
    "Seoul, Tokyo agree to talks.", "Houthis target ship in Red Sea.", "Putin meets Xi in Beijing.",
    "Modi hails Indo-US ties.", "Khartoum shelled overnight.",
]  # fmt: skip
PARAGRAPHS = {
    "fr": "Le gouvernement a convoqué l'ambassadeur et a exigé des explications après les "
    "frappes de drones contre l'aéroport. Le ministère des Affaires étrangères a dénoncé une "
    "violation de la souveraineté du pays et a promis une réponse proportionnée.",
    "de": "Die Regierung bestellte den Botschafter ein und verlangte eine Erklärung, nachdem "
    "Drohnen den Flughafen getroffen hatten. Das Außenministerium sprach von einer Verletzung "
    "der Souveränität und kündigte eine angemessene Antwort an.",
    "es": "El gobierno convocó al embajador y exigió explicaciones tras los ataques con drones "
    "contra el aeropuerto. El ministerio de Asuntos Exteriores denunció una violación de la "
    "soberanía del país y prometió una respuesta proporcionada.",
    "ru": "Правительство вызвало посла и потребовало объяснений после ударов беспилотников по "
    "аэропорту. Министерство иностранных дел заявило о нарушении суверенитета страны и "
    "пообещало соразмерный ответ.",
    "tr": "Hükümet büyükelçiyi çağırdı ve havalimanına yönelik insansız hava aracı "
    "saldırılarının ardından açıklama istedi. Dışişleri Bakanlığı ülkenin egemenliğinin ihlal "
    "edildiğini söyledi ve orantılı bir yanıt sözü verdi.",
    "en": "The government summoned the ambassador and demanded an explanation after drones "
    "struck the airport. The foreign ministry called it a violation of the country's "
    "sovereignty and promised a proportionate response.",
}
CANDIDATES = ("py3langid", "lingua", "lingua-low-accuracy")


def _detector(name: str):  # type: ignore[no-untyped-def]
    """``text -> (iso 639-1 code, probability)``."""
    if name == "py3langid":
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
        return lambda t: tuple(ident.classify(t))
    from lingua import LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_all_languages()
    if name.endswith("low-accuracy"):
        builder = builder.with_low_accuracy_mode()
    det = builder.build()

    def detect(text: str) -> tuple[str, float]:
        best = det.compute_language_confidence_values(text)[0]
        return best.language.iso_code_639_1.name.lower(), float(best.value)

    return detect


def _dev_sentences() -> list[str]:
    out: list[str] = []
    kil = SHARED / "data" / "kil" / "kil_quadclass_dev.tsv"
    unscon = SHARED / "data" / "unscon" / "conflict_annotations_sentences.csv"
    if kil.exists():
        with kil.open(encoding="utf-8", newline="") as f:
            out += [r["text"] for r in csv.DictReader(f, delimiter="\t")]
    if unscon.exists():
        with unscon.open(encoding="utf-8", newline="") as f:
            out += [r["sentence_text"] for r in csv.DictReader(f)]
    return out


def measure(name: str) -> dict[str, object]:
    import psutil

    proc = psutil.Process()
    rss0 = proc.memory_info().rss
    t0 = time.perf_counter()
    detect = _detector(name)
    detect("warm up")
    article = sorted((SHARED / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")[:5000]
    detect(article)  # models of every candidate language load on a long text
    first = time.perf_counter() - t0
    rss = (proc.memory_info().rss - rss0) / 2**20
    t1 = time.perf_counter()
    for _ in range(30):
        detect(article)
    per_article = (time.perf_counter() - t1) / 30 * 1000
    heads = [detect(h) for h in HEADLINES]
    paragraphs = {k: detect(t)[0] for k, t in PARAGRAPHS.items()}
    dev = [detect(s) for s in _dev_sentences()]
    rss_end = (proc.memory_info().rss - rss0) / 2**20
    return {
        "detector": name,
        "first answer s": round(first, 2),
        "RSS MB": round(rss),
        "ms per 5 KB": round(per_article, 2),
        "article": detect(article)[0],
        "headlines not en": sum(code != "en" for code, _ in heads),
        "headlines not en p>=0.9": sum(code != "en" and p >= 0.9 for code, p in heads),
        "paragraphs right": sum(k == v for k, v in paragraphs.items()),
        "dev sentences": len(dev),
        "dev not en p>=0.9": sum(code != "en" and p >= 0.9 for code, p in dev),
        "RSS MB at the end": round(rss_end),
    }


def main(argv: list[str]) -> int:
    if argv[1:2] == ["--one"]:
        print(json.dumps(measure(argv[2])))
        return 0
    for name in CANDIDATES:
        run = subprocess.run(
            [sys.executable, __file__, "--one", name], capture_output=True, text=True, check=False
        )
        if run.returncode:
            print(f"{name}: not measured ({run.stderr.strip().splitlines()[-1]})")
            continue
        result = json.loads(run.stdout)
        print(", ".join(f"{k} {v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

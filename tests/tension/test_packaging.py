"""The wheel as a user installs it: one import name, and it works away from the checkout.

The wheel is built from this checkout (no build isolation: setuptools comes from the test
extras, so nothing is downloaded), installed into a fresh virtual environment with no copy
of the project, and run from a folder outside the checkout. The environment borrows the
dependencies of the running one through a ``.pth`` line (which does not pull in this
checkout's editable install: ``.pth`` files of an added folder are not processed).
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import free_port, streamlit_server

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # a copy, so the build's build/ and *.egg-info folders do not land in the checkout
    src = tmp_path_factory.mktemp("wheel-src") / "src"
    shutil.copytree(
        REPO,
        src,
        symlinks=True,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "*.egg-info", "test-artifacts", ".*_cache", "__pycache__"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--wheel-dir",
            str(out),
            str(src),
        ],
        check=True,
        cwd=src,
        env={**os.environ, "PIP_NO_INPUT": "1"},
    )
    (path,) = out.glob("tension_dashboard-*.whl")
    return path


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A fresh venv with the wheel installed; ``bin`` and ``cwd`` (outside the checkout)."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (Path(purelib) / "borrowed-deps.pth").write_text("\n".join(deps) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(py),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
    )
    cwd = tmp_path_factory.mktemp("elsewhere")
    return {"bin": env_dir / "bin", "cwd": cwd, "purelib": Path(purelib)}


def _run(installed: dict[str, Path], *args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [str(installed["bin"] / args[0]), *args[1:]],
        cwd=installed["cwd"],
        env={**env, **kw.pop("env", {})},
        capture_output=True,
        text=True,
        timeout=300,
        **kw,
    )


def test_the_wheel_has_one_top_level_import_name(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top == {"tension"}
    for packaged in (
        "tension/py.typed",
        "tension/scoring/data/lexicon.toml",
        "tension/scoring/data/officials.toml",
        "tension/scoring/data/cameo.toml",
        "tension/scoring/data/LICENSE-cameo",  # the MIT notices travel with the derived data
        "tension/data/demo/corpus.jsonl",
        "tension/dashboard/app.py",
        "tension/dashboard/views/overview.py",
        "tension/dashboard/regions.toml",  # the Ranking page's UN M49 regions
        "tension/dashboard/static/world_110m.json",  # the Map page's outlines, served locally
        "tension/dashboard/static/LICENSE-world-atlas.txt",
    ):
        assert packaged in names


def test_the_installed_wheel_not_the_checkout_is_imported(installed: dict[str, Path]) -> None:
    out = _run(installed, "python", "-c", "import tension.scoring as s; print(s.__file__)")
    assert out.returncode == 0, out.stderr
    assert Path(out.stdout.strip()).is_relative_to(installed["purelib"])
    for generic in ("scoring", "data", "dashboard"):
        probe = _run(installed, "python", "-c", f"import {generic}")
        assert probe.returncode != 0, f"{generic} is importable from the installed wheel"


def test_installed_tension_scores_and_loads_the_demo(
    installed: dict[str, Path], tmp_path: Path
) -> None:
    out = _run(installed, "tension", "score", "We will not tolerate this act of aggression")
    assert out.returncode == 0, out.stderr
    assert "act of aggression" in out.stdout
    store = tmp_path / "store"
    demo = _run(installed, "tension", "demo", "--db", str(store))
    assert demo.returncode == 0, demo.stderr
    assert (store / "manifest.json").exists()


@pytest.fixture
def installed_server(installed: dict[str, Path], tmp_path: Path) -> Iterator[str]:
    store = tmp_path / "store"
    assert _run(installed, "tension", "demo", "--db", str(store)).returncode == 0
    port = free_port()
    log = tmp_path / "server.log"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    cmd = [
        str(installed["bin"] / "tension"),
        *("dashboard", "--db", str(store), "--host", "127.0.0.1", "--port", str(port)),
    ]
    with streamlit_server(cmd, port=port, log=log, cwd=installed["cwd"], env=env) as url:
        yield url


@pytest.mark.browser
def test_installed_dashboard_serves_the_demo(chromium: Any, installed_server: str) -> None:
    page = chromium.new_page()
    try:
        page.goto(installed_server)
        page.wait_for_function(
            """() => Array.from(document.querySelectorAll('.js-plotly-plot')).some(
                el => el.data && el.data.length && el.querySelector('.main-svg'))""",
            timeout=60_000,
        )
        body = page.inner_text("body")
        assert "Overview" in body
        assert "could not be shown" not in body
        assert "Deploy" not in body  # the packaged server options are in effect
    finally:
        page.close()

"""`pip install .` carries every module, the player page and the example banks."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE_SUFFIXES = {".html", ".css", ".js", ".svg", ".png", ".ico", ".webmanifest", ".json"}


def test_wheel_has_every_module_page_file_and_bank(tmp_path: Path) -> None:
    """Build the wheel as pip does and compare its contents with the checkout."""
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    # A folder left out of `packages` is still copied today, with a long warning that it will
    # not be in the future: the build must say nothing of the kind.
    assert "BuildBackendWarning" not in built.stderr, built.stderr
    (wheel,) = tmp_path.glob("quizhost-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())

    expected = {p.relative_to(ROOT).as_posix() for p in (ROOT / "quizhost").rglob("*.py")}
    expected |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "quizhost").rglob("*.tcss")}
    expected |= {
        "quizhost/player_web/" + p.relative_to(ROOT / "player_web").as_posix()
        for p in (ROOT / "player_web").rglob("*")
        if p.suffix in PAGE_SUFFIXES
    }
    expected |= {
        "quizhost/screen_web/" + p.relative_to(ROOT / "screen_web").as_posix()
        for p in (ROOT / "screen_web").rglob("*")
        if p.suffix in PAGE_SUFFIXES
    }
    expected |= {
        "quizhost/question_banks/" + p.relative_to(ROOT / "question_banks").as_posix()
        for p in (ROOT / "question_banks").rglob("*")
        if p.is_file()
    }
    assert "quizhost/question_banks/sample.yaml" in expected
    assert "quizhost/player_web/index.html" in expected
    assert "quizhost/screen_web/index.html" in expected
    missing = sorted(expected - names)
    assert not missing, f"the wheel lacks {missing}: list them in pyproject.toml"
    assert "quizhost/py.typed" in names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)

    # Installed outside the checkout, the package finds its page and banks.
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from quizhost.resources import player_web_dir, sample_bank, screen_web_dir;"
        "print(player_web_dir()); print((player_web_dir() / 'index.html').is_file());"
        "print(sample_bank().is_file()); print((screen_web_dir() / 'index.html').is_file())"
    )
    # -S: no site-packages, so the editable install of this checkout cannot answer instead.
    out = subprocess.run(
        [sys.executable, "-S", "-c", probe, str(target)],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    ).stdout.split()
    assert out == [str(target / "quizhost" / "player_web"), "True", "True", "True"]

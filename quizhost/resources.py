"""Where the files shipped with quizhost live, in a checkout and in an installed package.

`player_web/` and `question_banks/` sit at the top of the repository and install as the
package data `quizhost.player_web` and `quizhost.question_banks` (see pyproject.toml). In a
checkout (including an editable install) the top-level folders are used directly.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _shipped_dir(name: str) -> Path:
    in_checkout = _CHECKOUT / name
    if (_CHECKOUT / "pyproject.toml").is_file() and in_checkout.is_dir():
        return in_checkout
    # Installed, these folders are namespace packages (data, no __init__.py): their one
    # location comes from the import system, not from importlib.resources' MultiplexedPath.
    spec = find_spec(f"quizhost.{name}")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"quizhost is installed without its {name} folder")
    return Path(next(iter(spec.submodule_search_locations)))


def player_web_dir() -> Path:
    """The folder of the player page (HTML, CSS, JS)."""
    return _shipped_dir("player_web")


def screen_web_dir() -> Path:
    """The folder of the big-screen page (HTML, CSS, JS), served under /screen."""
    return _shipped_dir("screen_web")


def question_banks_dir() -> Path:
    """The folder of the bundled example question banks."""
    return _shipped_dir("question_banks")


def sample_bank() -> Path:
    """The bundled general-knowledge bank that `make run` plays."""
    return question_banks_dir() / "sample.yaml"

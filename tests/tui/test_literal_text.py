"""Names and bank text are shown as written: markup and escape sequences change nothing."""

from __future__ import annotations

from pathlib import Path

from quizhost.core import Phase
from quizhost.session.views import PlayerRow, RankRow
from quizhost.tui.text import clean, literal
from quizhost.tui.widgets.players import PlayerList, player_label
from quizhost.tui.widgets.ranking import RankingTable
from tests.tui.console import fixed_console, join, ready, screen_text, shown, until

MARKUP = "[bold red]x"
LINK = "[link=http://evil]y"


def test_clean_removes_controls_and_escapes() -> None:
    """ESC, C1 CSI, BEL, bidi overrides and zero-width characters go; the rest stays."""
    assert clean("\x1b[31mred\x1b[0m") == "[31mred[0m"
    assert clean("a\x9b31mb\x07c") == "a31mbc"
    assert clean("\u202eevil\u200b") == "evil"
    assert clean("tab\there\nnew") == "tab here new"
    assert clean("Zoë 🦊 [b]") == "Zoë 🦊 [b]"


def test_literal_is_not_markup() -> None:
    text = literal(MARKUP)
    assert text.plain == MARKUP and not text.spans


def test_player_label_keeps_markup_and_drops_escapes() -> None:
    label = player_label(PlayerRow(id="p", name="\x1b[31m" + MARKUP, score=0, connected=False))
    assert label.plain == "[31m" + MARKUP + "  (offline)"


async def test_markup_in_a_nickname_is_shown_literally(tmp_path: Path) -> None:
    """A player called '[bold red]x' appears as exactly that in the lobby and the ranking."""
    app = fixed_console(tmp_path / "quiz.db")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await join(app, MARKUP)
        await join(app, LINK)
        await until(pilot, lambda: screen.query_one(PlayerList).option_count == 2, "players")
        await pilot.pause()
        text = screen_text(app)
        assert MARKUP in text and LINK in text
        await pilot.press("s")
        await shown(pilot, Phase.QUESTION)
        await pilot.press("k")
        await shown(pilot, Phase.REVEAL)
        await pilot.press("n")
        await shown(pilot, Phase.LEADERBOARD)
        assert MARKUP in screen_text(app) and LINK in screen_text(app)


async def test_escape_sequences_in_a_ranked_name_are_not_sent_to_the_terminal() -> None:
    """Even a name that reached the console unnormalised is drawn without its control codes."""
    table = RankingTable()
    table.show([RankRow("p", "\x1b[2J\x1b[31mEve", 10, 1, 10, None)])
    rendered = table.render().plain
    assert "\x1b" not in rendered and "[2J[31mEve" in rendered


def test_scores_on_the_console_are_grouped_as_on_english_phones() -> None:
    """The console shows 19,054 as the phones do (Intl.NumberFormat('en')), not '19 054'."""
    table = RankingTable()
    table.show([RankRow("p", "Ada", 19_054, 1, 1_250, None)])
    rendered = table.render().plain
    assert "19,054" in rendered and "+1,250" in rendered

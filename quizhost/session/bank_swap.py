"""Storing the bank a game in the lobby is to play instead of its own (the bank file changed).

Apart from the session because it is a job of its own with its own refusals: the new bank is
made durable as the game's bank before the game uses it, so `--resume` and the results see
the bank actually played, and it is taken back if the game started meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from quizhost.bank.models import Bank
from quizhost.bank.snapshot import bank_to_json
from quizhost.core import GameSettings, new_game_settings
from quizhost.store import Store, StoreError


class BankNotChanged(Exception):
    """A reloaded bank was not taken: the game keeps the one it has (the message says why)."""


def rules_of(bank: Bank) -> GameSettings:
    """The rules a game made from `bank` gets from it: derived by the one function that made
    them (`new_game_settings`), so a rule a bank gains later is compared too."""
    return new_game_settings(bank)


async def store_new_bank(
    store: Store, game_id: str, old: Bank, new: Bank, in_lobby: Callable[[], bool]
) -> None:
    """Store `new` as game `game_id`'s bank in place of `old`, or raise BankNotChanged (`old`
    stays stored) when the game has left the lobby, when `new` changes the rules the game
    was made with (teams, leaderboard, auto_close), or when it cannot be stored."""
    if not in_lobby():
        raise BankNotChanged("the game has started: the bank it plays cannot change")
    if rules_of(new) != rules_of(old):
        raise BankNotChanged(
            "the edit changes the game's rules (teams, leaderboard or auto_close), which "
            "were set when the game was made: quit and start again to use them"
        )
    try:
        await _store_bank(store, game_id, new)
    except StoreError as exc:
        raise BankNotChanged(f"the new bank could not be saved: {exc}") from exc
    if not in_lobby():  # started while the bank was being saved
        await _store_bank(store, game_id, old)
        raise BankNotChanged("the game has started: the bank it plays cannot change")


async def _store_bank(store: Store, game_id: str, bank: Bank) -> None:
    await store.set_game_bank(
        game_id,
        bank_title=bank.title,
        bank_path=str(bank.source or ""),
        bank_json=bank_to_json(bank),
    )

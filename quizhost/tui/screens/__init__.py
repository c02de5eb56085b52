"""Screens: the game, the confirm dialog, past games and one game's results."""

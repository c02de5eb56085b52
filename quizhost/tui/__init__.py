"""The host console of `quizhost run`: a Textual app that drives one game's session.

Layout (dependencies point down):
- `app.py`: the App; starts the server in its own event loop and stops it on quit.
- `adapter.py`: the one narrow interface the console uses (session view, commands, results).
- `screens/`: the game screen, the confirm dialog, the past-games screens.
- `phases/`: one view per game phase, switched by the game screen.
- `widgets/`: small widgets that get data and post messages.
- `styles/*.tcss`: one stylesheet per role.
"""

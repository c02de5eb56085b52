"""The exit codes of every `quizhost` command, in one place (the README lists them).

0: it worked. 1: a bank is invalid, or the command could not do its job (an unknown game, a
delete the user declined). 2: a usage error, or a file or database that cannot be read.
3 (serve, run): another quizhost server is running on this database. 4 (serve, run): several
unfinished games and no terminal to ask which one to resume.
"""

from __future__ import annotations

from typing import Final

EXIT_OK: Final = 0
EXIT_FAILED: Final = 1
EXIT_USAGE: Final = 2
EXIT_DB_IN_USE: Final = 3
EXIT_CHOOSE_GAME: Final = 4

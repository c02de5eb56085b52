"""`python -m quizhost` is the same as the `quizhost` command."""

from quizhost.cli import main

raise SystemExit(main())

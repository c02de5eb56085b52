"""Bank keys of the game modes: `read_time` (defaults and per question) and `auto_close`."""

from __future__ import annotations

from quizhost.bank.snapshot import bank_from_json, bank_to_json
from tests.kit.banks import Check


def test_read_time_from_defaults_and_per_question(check: Check) -> None:
    """A question's read_time wins over the defaults'; seconds become milliseconds."""
    report = check(
        """\
        title: Modes
        defaults:
          read_time: 5
          auto_close: false
        questions:
          - question: Uses the default
            true_false: true
          - question: Its own, none
            read_time: 0
            true_false: false
          - question: Its own, 1.5 s
            read_time: 1.5
            true_false: true
        """
    )
    assert report.bank is not None, report.problems
    assert [q.read_time_ms for q in report.bank.questions] == [5_000, 0, 1_500]
    assert report.bank.auto_close is False


def test_no_read_time_leaves_it_to_the_game(check: Check) -> None:
    """Without read_time anywhere, questions carry None and the game's setting applies."""
    report = check("title: T\nquestions:\n  - question: Q\n    true_false: true\n")
    assert report.bank is not None
    assert report.bank.questions[0].read_time_ms is None
    assert report.bank.auto_close is None


def test_read_time_out_of_range_and_auto_close_not_a_flag_are_reported(check: Check) -> None:
    """Problems name the line and column and the allowed range."""
    report = check(
        """\
        title: T
        defaults:
          auto_close: maybe
        questions:
          - question: Q
            read_time: 61
            true_false: true
        """
    )
    messages = [(p.line, p.message) for p in report.problems]
    assert any(line == 3 and "auto_close" in message for line, message in messages), messages
    assert any(line == 6 and "0 (no intro) to 60" in message for line, message in messages)


def test_the_snapshot_keeps_them_and_reads_old_snapshots(check: Check) -> None:
    """Stored with the game; a snapshot from before they existed reads as None."""
    report = check(
        "title: T\ndefaults: {auto_close: false}\n"
        "questions:\n  - {question: Q, true_false: true, read_time: 2}\n"
    )
    assert report.bank is not None
    again = bank_from_json(bank_to_json(report.bank))
    assert again.questions[0].read_time_ms == 2_000 and again.auto_close is False
    old = bank_to_json(report.bank).replace('"auto_close":false,', "")
    old = old.replace('"read_time_ms":2000,', "")
    stored = bank_from_json(old)
    assert stored.auto_close is None and stored.questions[0].read_time_ms is None


def test_rounds_and_leaderboard_pacing(check: Check) -> None:
    """rounds: a title and questions each, flattened in order; leaderboard: every N."""
    report = check(
        """\
        title: Pub quiz
        defaults:
          leaderboard: every 2
        rounds:
          - title: Geography
            questions:
              - {question: Capital of France?, accept: Paris}
              - {question: Capital of Peru?, accept: Lima}
          - title: Science
            questions:
              - {question: Water is wet., true_false: true}
        """
    )
    assert report.bank is not None, report.problems
    assert [q.text for q in report.bank.questions] == [
        "Capital of France?",
        "Capital of Peru?",
        "Water is wet.",
    ]
    assert [(r.title, r.size) for r in report.bank.rounds] == [("Geography", 2), ("Science", 1)]
    assert report.bank.leaderboard_every == 2
    again = bank_from_json(bank_to_json(report.bank))
    assert again.rounds == report.bank.rounds and again.leaderboard_every == 2


ONE_QUESTION = "questions: [{question: Q, true_false: true}]\n"


def test_leaderboard_words(check: Check) -> None:
    """every_question is 1, end_only 0; anything else is reported where it is."""
    for word, every in (("every_question", 1), ("end_only", 0), ("every 10", 10)):
        report = check(f"title: T\ndefaults: {{leaderboard: {word}}}\n{ONE_QUESTION}")
        assert report.bank is not None and report.bank.leaderboard_every == every
    report = check(f"title: T\ndefaults: {{leaderboard: sometimes}}\n{ONE_QUESTION}")
    assert [p.line for p in report.problems] == [2]
    assert "every_question" in report.problems[0].message


def test_questions_and_rounds_together_are_refused(check: Check) -> None:
    """A bank has one or the other."""
    report = check(
        "title: T\nquestions: [{question: Q, true_false: true}]\n"
        "rounds: [{title: R, questions: [{question: Q2, true_false: true}]}]\n"
    )
    assert report.bank is None
    assert any("not both" in p.message for p in report.problems)


def test_a_round_that_is_not_a_mapping_says_what_a_round_is(check: Check) -> None:
    """The problem is at the round and names what was written; the other round still loads."""
    report = check(
        "title: T\n"
        "rounds:\n"
        "  - just a name\n"
        "  - {title: R, questions: [{question: Q, true_false: true}]}\n"
    )
    assert report.bank is None
    assert [(p.line, p.message) for p in report.problems] == [
        (3, "a round is '- title: ...' with 'questions'; got text 'just a name'")
    ]


def test_scoring_and_wrong_from_defaults_and_per_question(check: Check) -> None:
    """scoring: accuracy and wrong: -250 in defaults; a question overrides; polls refuse wrong."""
    report = check(
        """\
        title: T
        defaults: {scoring: accuracy, wrong: -250}
        questions:
          - {question: A, true_false: true}
          - {question: B, true_false: true, scoring: speed, wrong: 0}
          - {question: C, poll: [x, y]}
        """
    )
    assert report.bank is not None, report.problems
    got = [(q.scoring.value, q.wrong_points) for q in report.bank.questions]
    assert got == [("accuracy", -250), ("speed", 0), ("accuracy", 0)]
    bad = check(
        "title: T\nquestions:\n  - {question: A, true_false: true, wrong: 100}\n"
        "  - {question: P, poll: [x, y], wrong: -5}\n"
    )
    messages = [p.message for p in bad.problems]
    assert any("-10000 to 0" in m for m in messages) and any(
        "a poll has no wrong" in m for m in messages
    )


def test_teams_in_a_bank(check: Check) -> None:
    """teams: names a team game's teams; the same name twice is reported."""
    report = check(f"title: T\nteams: [Owls, Foxes, Bears]\n{ONE_QUESTION}")
    assert report.bank is not None and report.bank.teams == ("Owls", "Foxes", "Bears")
    assert bank_from_json(bank_to_json(report.bank)).teams == ("Owls", "Foxes", "Bears")
    twice = check(f"title: T\nteams: [Owls, owls]\n{ONE_QUESTION}")
    assert any("named twice" in p.message for p in twice.problems)

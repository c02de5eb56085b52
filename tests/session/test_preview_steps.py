"""The preview's steps: the console's view and the big screen's, from one game, in step."""

from __future__ import annotations

from pathlib import Path

from quizhost.bank import load_bank
from quizhost.protocol.screen import screen_fields
from quizhost.session.preview import preview_image_urls, preview_steps, preview_views

TUI = Path(__file__).parents[1] / "tui"


def test_each_step_has_the_same_phase_and_question_on_both_sides() -> None:
    bank = load_bank(TUI / "kinds.yaml")
    steps = preview_steps(bank, preview_image_urls(bank))
    assert [s.host.state.value for s in steps] == [s.screen.state for s in steps]
    for step in steps:
        assert step.screen.question is not None and step.host.question is not None
        assert step.screen.question == step.host.question.question
        assert step.screen.image_url == step.host.question.image_url
        assert step.screen.remaining_ms == step.host.question.remaining_ms
        assert (step.screen.reveal is not None) == (step.screen.state == "reveal")
        frame = screen_fields(step.screen)
        assert frame["players"] == 0 and frame["joined"] == [] and "top" not in frame
    # The picture is at the URL the preview's server serves it at, on both sides.
    images = [s.screen.image_url for s in steps if s.screen.image_url is not None]
    assert images and all(url.startswith("/images/") for url in images)
    assert [s.host for s in steps] == preview_views(bank, preview_image_urls(bank))


def test_the_reveal_carries_the_answer_for_the_screen() -> None:
    """A type-the-answer reveal lists the accepted spellings; nobody typed, so no tallies."""
    steps = preview_steps(load_bank(TUI / "quiz.yaml"))
    last = screen_fields(steps[-1].screen)
    assert last["state"] == "reveal" and last["reveal"]["accepted"] == ["Au"]
    assert last["reveal"]["typed"] == []
    first = screen_fields(steps[1].screen)
    assert first["reveal"]["correct"] == 1 and first["reveal"]["counts"] == [0, 0, 0, 0]

"""`quizhost new`: a starter bank that shows every kind of question, commented, to edit."""

from __future__ import annotations

from quizhost.interchange.yamlout import scalar

_TEMPLATE = """\
# A new quizhost question bank. Edit the questions, then check the file:
#   quizhost validate {file}
# Every kind of question is here once; delete the ones you do not need.
# The whole format: docs/question-banks.md (or `quizhost schema` for your editor).
title: {title}
defaults:
  time: 20              # seconds per question, 5 to 240
  points: standard      # standard (up to 1000), double or none
questions:
  # Single choice: mark the right answer with "correct:".
  - question: What is the capital of Australia?
    choices:
      - Sydney
      - correct: Canberra
      - Melbourne
      - Perth
    explanation: Canberra was built as the capital.   # shown at the reveal (optional)

  # Multiple choice: several correct answers; players select all that apply.
  - question: Which of these are prime numbers?
    choices: [{{correct: 2}}, {{correct: 3}}, 4, 9]

  # True or false.
  - question: The Sun is a star.
    true_false: true

  # Type the answer: every accepted spelling (case and accents are ignored).
  - question: What is the chemical symbol of gold?
    accept: [Au]

  # Slider: a number between min and max; margin says how far off still counts.
  - question: In what year did Apollo 11 land on the Moon?
    slider: {{min: 1950, max: 2000, step: 1, answer: 1969, margin: 0}}
    time: 30            # this question's own time limit

  # Order: write the items in the right order; players see them shuffled.
  - question: Put the planets in order from the Sun, nearest first.
    order: [Mercury, Venus, Earth, Mars]

  # Poll: no right answer and no points.
  - question: Which topic should we do next?
    poll: [Maths, Science, History]
"""


def starter_bank(title: str, file_name: str) -> str:
    """The starter bank's YAML with `title`; `file_name` is named in its check-it comment."""
    return _TEMPLATE.format(title=scalar(" ".join(title.split())), file=file_name)

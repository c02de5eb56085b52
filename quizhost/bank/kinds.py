"""What each kind's answer key holds: choices, accepted spellings, a slider, a list of texts.

`KindChecker` adds these checks to the generic node checks; `rules.BankChecker` calls them for
the one kind key a question has, and builds the model from what they return (None: the key
was wrong, and `problems` says how).
"""

from __future__ import annotations

from collections.abc import Callable

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizhost.bank import spec
from quizhost.bank.models import MAX_CHOICES, MIN_CHOICES
from quizhost.bank.nodes import NodeChecker
from quizhost.bank.textmatch import normalize_answer
from quizhost.formats import number_text


class KindChecker(NodeChecker):
    """The checks of each kind's key, on top of the generic building blocks."""

    def choices(
        self, key: ScalarNode, node: Node, multiple: bool | None
    ) -> tuple[tuple[str, ...], frozenset[int]] | None:
        items = self.sequence(node, "'choices'", "choice", MIN_CHOICES, MAX_CHOICES)
        if items is None:
            return None
        texts: list[str] = []
        correct: set[int] = set()
        seen: dict[str, tuple[Node, str]] = {}
        typo = False
        for index, item in enumerate(items):
            text_node, marked, typo_here = self._choice_text(item)
            typo = typo or typo_here
            if marked:
                correct.add(index)
            if text_node is None:
                continue
            text = self.text(text_node, "a choice", spec.MAX_CHOICE_CHARS)
            if text is not None:
                self.distinct(text, text.casefold(), text_node, seen, "choice")
                texts.append(text)
        if not correct and not typo:
            self.problem(
                key,
                "no choice is marked correct; mark the right one as '- correct: TEXT' "
                "(or use 'poll' for a question without a right answer)",
            )
        if multiple is False and len(correct) > 1:
            self.problem(
                key,
                f"{len(correct)} choices are marked correct but 'multiple' is false; "
                "remove 'multiple: false' or mark only one",
            )
        if len(texts) != len(items):
            return None
        return tuple(texts), frozenset(correct)

    def _choice_text(self, item: Node) -> tuple[Node | None, bool, bool]:
        """A choice's text node, whether it is marked correct, whether its key was a typo."""
        if not isinstance(item, MappingNode):
            return item, False, False
        fields = self.mapping(item, "a choice", spec.CHOICE_KEYS)
        if spec.CORRECT in fields:
            return fields[spec.CORRECT][1], True, False
        if self.suggested(item):
            return None, False, True
        self.problem(item, "a choice written as a mapping must be '- correct: TEXT'")
        return None, False, False

    def accepted(self, node: Node) -> tuple[str, ...] | None:
        items: list[Node]
        if isinstance(node, SequenceNode):
            items = list(node.value)
            if not items:
                self.problem(node, "'accept' is empty; list at least one accepted answer")
                return None
            if len(items) > spec.MAX_ACCEPTED:
                self.problem(
                    items[spec.MAX_ACCEPTED],
                    f"too many accepted answers: at most {spec.MAX_ACCEPTED}",
                )
                return None
        else:
            items = [node]
        result: list[str] = []
        seen: dict[str, tuple[Node, str]] = {}
        for item in items:
            text = self.text(item, "an accepted answer", spec.MAX_CHOICE_CHARS)
            if text is None:
                continue
            normal = normalize_answer(text)
            if not normal:
                self.problem(item, f"'{text}' is blank once accents are ignored; write letters")
                continue
            self.distinct(text, normal, item, seen, "accepted answer (ignoring case and accents)")
            result.append(text)
        return tuple(result) if len(result) == len(items) else None

    def slider(self, node: Node) -> dict[str, float] | None:
        """The slider's numbers, each present and finite, and fitting together."""
        if not self.is_mapping(
            node, "'slider' must be a mapping like {min: 0, max: 100, step: 1, answer: 42}"
        ):
            return None
        fields = self.mapping(node, "'slider'", spec.SLIDER_KEYS)
        values: dict[str, float] = {}
        for key in spec.SLIDER_KEYS:
            if key in fields:
                number = self.number(fields[key][1], f"'{key}'")
                if number is not None:
                    values[key] = number
            elif key in spec.SLIDER_REQUIRED:
                self.missing(node, key, f"the slider has no '{key}'; add '{key}: NUMBER'")
        values.setdefault(spec.STEP, spec.DEFAULT_STEP)
        values.setdefault(spec.MARGIN, spec.DEFAULT_MARGIN)
        if any(key not in values for key in spec.SLIDER_KEYS):
            return None

        def at(key: str) -> Node:
            return fields[key][1] if key in fields else node

        if self._slider_range(values, at):
            self._slider_answer(values, at)
        return values

    def _slider_range(self, values: dict[str, float], at: Callable[[str], Node]) -> bool:
        """Report a range, step or margin that makes no slider; True if they are sound."""
        low, high, step = values[spec.MIN], values[spec.MAX], values[spec.STEP]
        ok = True
        if low >= high:
            self.problem(
                at(spec.MAX),
                f"the slider's max ({number_text(high)}) must be greater than its min "
                f"({number_text(low)})",
            )
            ok = False
        if step <= 0:
            self.problem(at(spec.STEP), f"'step' must be greater than 0; got {step}")
            ok = False
        elif ok and not _whole(high - low, step):
            self.problem(
                at(spec.STEP),
                f"max - min = {number_text(high - low)} is not a whole number of steps of "
                f"{number_text(step)}; change the step or the range",
            )
            ok = False
        if values[spec.MARGIN] < 0:
            self.problem(at(spec.MARGIN), f"'margin' must be 0 or more; got {values[spec.MARGIN]}")
            ok = False
        return ok

    def _slider_answer(self, values: dict[str, float], at: Callable[[str], Node]) -> None:
        """Report an answer the slider cannot reach: out of range, or off every step."""
        low, high, step = values[spec.MIN], values[spec.MAX], values[spec.STEP]
        answer, margin = values[spec.ANSWER], values[spec.MARGIN]
        if not low <= answer <= high:
            self.problem(
                at(spec.ANSWER),
                f"the answer {number_text(answer)} is outside the slider's range "
                f"{number_text(low)} to {number_text(high)}",
            )
            return
        nearest = low + round((answer - low) / step) * step
        if abs(nearest - answer) > margin + 1e-9 * max(1.0, abs(answer)):
            self.problem(
                at(spec.ANSWER),
                f"the slider moves in steps of {number_text(step)} from "
                f"{number_text(low)}, so it can never land within {number_text(margin)}"
                f" of {number_text(answer)}; put the answer on a step or add a margin",
            )

    def texts(
        self, node: Node, what: str, item_name: str, least: int, most: int
    ) -> tuple[str, ...] | None:
        """A list of distinct plain texts: order items and poll options."""
        items = self.sequence(node, what, item_name, least, most)
        if items is None:
            return None
        result: list[str] = []
        seen: dict[str, tuple[Node, str]] = {}
        article = "an" if item_name[0] in "aeiou" else "a"
        for item in items:
            if isinstance(item, MappingNode):
                self.problem(
                    item,
                    f"{what} has no correct answer to mark; write each {item_name} as plain text"
                    if what == "'poll'"
                    else f"{what} items are plain text written in the correct order",
                )
                continue
            text = self.text(item, f"{article} {item_name}", spec.MAX_CHOICE_CHARS)
            if text is not None:
                self.distinct(text, text.casefold(), item, seen, item_name)
                result.append(text)
        return tuple(result) if len(result) == len(items) else None


def _whole(span: float, step: float) -> bool:
    """Whether `span` is a whole number of `step`s, tolerating float rounding."""
    count = span / step
    return abs(count - round(count)) <= 1e-9 * max(1.0, abs(count))

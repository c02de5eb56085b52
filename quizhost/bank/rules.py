"""The bank's own rules: which keys a bank and a question take, and what each must hold.

`BankChecker` walks one bank's node graph with the building blocks of `quizhost.bank.nodes`,
collecting every problem, and builds the models only from parts that were valid: a bank is
built only if nothing at all was wrong. The checks of settings (defaults, teams, time,
points, image, ...) are `settings.SettingsChecker`'s, and of each kind's key `kinds`'s. The
names of keys and limits come from `spec`, which the JSON Schema reads too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizhost.bank import spec
from quizhost.bank.maths import Formula, FormulaSyntaxError, formula_problem, split
from quizhost.bank.models import (
    MAX_CHOICES,
    MAX_ORDER_ITEMS,
    MIN_CHOICES,
    MIN_ORDER_ITEMS,
    AnyQuestion,
    Bank,
    ChoiceQuestion,
    OrderQuestion,
    PointsMode,
    PollQuestion,
    Round,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.bank.nodes import STR, Fields, describe, line_of, position, shorten, tag_of
from quizhost.bank.settings import Defaults, SettingsChecker

# Keys authors reach for in a question that mean something else here, with the fix.
_KEY_HINTS = {
    "a question: answer": "for type-the-answer write 'accept: [...]'; for choices mark the "
    "right one as '- correct: TEXT'",
    "a question: correct": "mark the right choice inside 'choices' as '- correct: TEXT'",
    "a question: answers": "write the options under 'choices' and mark the right one as "
    "'- correct: TEXT'",
    "a question: options": "write the options under 'choices' (or 'poll' for a poll)",
    "a question: type": "the kind of a question comes from its answer key: one of "
    + ", ".join(spec.KIND_KEYS),
}

# A question's settings shared by every kind, as keyword arguments of its model.
_Common = dict[str, Any]


class _Options:
    """A question's `shuffle` and `multiple`, which only some kinds take."""

    def __init__(self, shuffle: bool, multiple: bool | None) -> None:
        self.shuffle = shuffle
        self.multiple = multiple


# Checks one kind's key (its key node and value node) and builds the question, or None.
_Builder = Callable[[ScalarNode, Node, _Common, _Options], AnyQuestion | None]


class BankChecker(SettingsChecker):
    """Walks one bank's node graph, collecting problems; builds models only from valid parts."""

    def __init__(self, file: str, directory: Path) -> None:
        super().__init__(file, "bank", _KEY_HINTS, item_key=spec.QUESTION)
        self.directory = directory
        self._source = ""  # the file's text: formulas are located in it
        self._builders: dict[str, _Builder] = {
            spec.CHOICES: self._choice_question,
            spec.TRUE_FALSE: self._true_false_question,
            spec.ACCEPT: self._type_answer_question,
            spec.SLIDER: self._slider_question,
            spec.ORDER: self._order_question,
            spec.POLL: self._poll_question,
        }

    def check(self, text: str, source: Path) -> Bank | None:
        """Parse and check a whole bank file; the bank, or None with `problems` saying why."""
        self._source = text
        root = self.parse(text)
        if root is None and self.ok:
            self.problem_at(1, 1, "the file is empty; a bank needs 'title' and 'questions'")
        return self.bank(root, source)

    # The bank.

    def bank(self, root: Node | None, source: Path) -> Bank | None:
        if root is None:
            return None
        if not self.is_mapping(
            root, "a bank is a mapping with 'title' and 'questions' at the top level"
        ):
            return None
        fields = self.mapping(root, "the bank", spec.TOP_KEYS)
        title = self.required_text(root, fields, spec.TITLE, "the bank", spec.MAX_TITLE_CHARS)
        description = None
        if spec.DESCRIPTION in fields:
            description = self.text(
                fields[spec.DESCRIPTION][1], "'description'", spec.MAX_DESCRIPTION_CHARS
            )
        language = None
        if spec.LANGUAGE in fields:
            language = self.language(fields[spec.LANGUAGE][1])
        defaults = self.defaults(fields.get(spec.DEFAULTS))
        teams = self.teams(fields[spec.TEAMS][1]) if spec.TEAMS in fields else ()
        questions, rounds = self.questions(root, fields, defaults)
        if not self.ok or title is None:
            return None
        return Bank(
            title=title,
            questions=tuple(questions),
            rounds=tuple(rounds),
            leaderboard_every=defaults.leaderboard_every,
            teams=teams,
            description=description,
            language=language,
            shuffle_questions=defaults.shuffle_questions,
            auto_close=defaults.auto_close,
            source=source.resolve(),
        )

    def questions(
        self, root: MappingNode, fields: Fields, defaults: Defaults
    ) -> tuple[list[AnyQuestion], list[Round]]:
        """The questions, and the rounds when the bank has `rounds:` instead."""
        if spec.ROUNDS in fields:
            if spec.QUESTIONS in fields:
                self.problem(
                    fields[spec.QUESTIONS][0],
                    "a bank has 'questions' or 'rounds', not both; put these questions in a round",
                )
            return self.rounds(fields[spec.ROUNDS][1], defaults)
        if spec.QUESTIONS not in fields:
            self.missing(
                root,
                spec.QUESTIONS,
                "missing 'questions': add a list of questions to the bank (or 'rounds')",
            )
            return [], []
        return self.question_list(fields[spec.QUESTIONS][1], defaults), []

    def rounds(self, node: Node, defaults: Defaults) -> tuple[list[AnyQuestion], list[Round]]:
        if not isinstance(node, SequenceNode) or not node.value:
            self.problem(
                node,
                "'rounds' must be a list of rounds, each '- title: ...' with its 'questions'; "
                f"got {describe(node)}",
            )
            return [], []
        questions: list[AnyQuestion] = []
        rounds: list[Round] = []
        for item in node.value:
            if not self.is_mapping(item, "a round is '- title: ...' with 'questions'"):
                continue
            fields = self.mapping(item, "a round", spec.ROUND_KEYS)
            title = self.required_text(item, fields, spec.TITLE, "a round", spec.MAX_TITLE_CHARS)
            if spec.QUESTIONS not in fields:
                self.missing(item, spec.QUESTIONS, "missing 'questions' in a round; add its list")
                continue
            built = self.question_list(fields[spec.QUESTIONS][1], defaults)
            questions.extend(built)
            rounds.append(Round(title=title or "", size=len(built)))
        return questions, rounds

    def question_list(self, node: Node, defaults: Defaults) -> list[AnyQuestion]:
        """A list of questions (the bank's, or a round's)."""
        if not isinstance(node, SequenceNode):
            hint = "; start each question with '- question:'"
            self.problem(node, f"'questions' must be a list; got {describe(node)}{hint}")
            return []
        if not node.value:
            self.problem(node, "'questions' is empty; a bank needs at least one question")
        built = (self.question(item, defaults) for item in node.value)
        return [question for question in built if question is not None]

    # One question.

    def question(self, node: Node, defaults: Defaults) -> AnyQuestion | None:
        if not self.is_mapping(node, "a question must be a mapping starting with 'question:'"):
            return None
        before = len(self.problems)
        fields = self.mapping(node, "a question", spec.QUESTION_KEYS)
        text = self.required_text(
            node, fields, spec.QUESTION, "a question", spec.MAX_QUESTION_CHARS
        )
        kind = self.kind(node, fields)
        common = self.common(node, fields, kind, defaults)
        common["text"] = text
        options = self.options(fields, kind, defaults)
        if kind is None:
            return None
        key, value = fields[kind]
        built = self._builders[kind](key, value, common, options)
        if common["math"]:
            self.formulas(fields, kind)
        if len(self.problems) != before or common["text"] is None:
            return None
        return built

    def common(
        self, node: MappingNode, fields: Fields, kind: str | None, defaults: Defaults
    ) -> _Common:
        """The settings every kind has but the text: line, time, points, image, explanation."""
        common: _Common = {
            "line": line_of(node),
            "time_limit_ms": defaults.time_ms,
            "points": defaults.points,
            "read_time_ms": defaults.read_time_ms,
            "scoring": defaults.scoring,
            "wrong_points": 0 if kind == spec.POLL else defaults.wrong_points,
            "math": defaults.math,
        }
        if spec.MATH in fields:
            common["math"] = bool(self.boolean(fields[spec.MATH][1], f"'{spec.MATH}'"))
        if spec.SCORING in fields:
            common["scoring"] = self.scoring(fields[spec.SCORING][1], defaults.scoring)
        if spec.WRONG in fields:
            key, value = fields[spec.WRONG]
            if kind == spec.POLL:
                self.problem(key, "a poll has no wrong answer; remove 'wrong' from it")
            else:
                common["wrong_points"] = self.wrong(value, defaults.wrong_points)
        if spec.READ_TIME in fields:
            common["read_time_ms"] = self.read_time(
                fields[spec.READ_TIME][1], defaults.read_time_ms
            )
        if spec.TIME in fields:
            common["time_limit_ms"] = self.time(fields[spec.TIME][1], defaults.time_ms)
        if spec.POINTS in fields:
            key, value = fields[spec.POINTS]
            if kind == spec.POLL:
                self.problem(key, "a poll never scores points; remove 'points' from it")
            else:
                common["points"] = self.points(value, defaults.points)
        if spec.IMAGE in fields:
            common["image"], common["image_alt"] = self.image(fields[spec.IMAGE][1])
        if spec.EXPLANATION in fields:
            common["explanation"] = self.text(
                fields[spec.EXPLANATION][1], "'explanation'", spec.MAX_EXPLANATION_CHARS
            )
        return common

    # Formulas (`math: true`).

    def formulas(self, fields: Fields, kind: str) -> None:
        """Report every formula of a math question that cannot be shown, where it is written:
        in the text, the explanation, and the choices, order items or poll options."""
        nodes: list[Node] = [fields[spec.QUESTION][1]] if spec.QUESTION in fields else []
        if spec.EXPLANATION in fields:
            nodes.append(fields[spec.EXPLANATION][1])
        if kind in spec.MATH_KINDS and isinstance(fields[kind][1], SequenceNode):
            for item in fields[kind][1].value:
                if isinstance(item, MappingNode):  # `- correct: TEXT`
                    nodes.extend(value for _, value in item.value)
                else:
                    nodes.append(item)
        for node in nodes:
            if isinstance(node, ScalarNode) and tag_of(node) == STR:
                self._text_formulas(node, str(node.value).replace("\a", ""))

    def _text_formulas(self, node: ScalarNode, text: str) -> None:
        try:
            segments = split(text)
        except FormulaSyntaxError as error:
            line, col = self._located(node, text, error.offset, text[error.offset :])
            self.problem_at(
                line,
                col,
                "a '$' opens a formula that is never closed (math is on here); close it with "
                "'$', or write \\$ for a dollar sign",
            )
            return
        for segment in segments:
            if not isinstance(segment, Formula):
                continue
            if node.style == '"' and any(ord(char) < 32 for char in segment.latex):
                self.problem(
                    node,
                    "YAML reads a backslash in double quotes as an escape (the \\f of \\frac "
                    "becomes a form feed): write this text in single quotes or without quotes",
                )
                return
            words = formula_problem(segment.latex)
            if words is not None:
                line, col = self._located(node, text, segment.offset, segment.source)
                self.problem_at(line, col, f"in the formula {shorten(segment.source)}: {words}")

    def _located(self, node: ScalarNode, text: str, offset: int, snippet: str) -> tuple[int, int]:
        """The file position of `snippet`, found at `offset` of the node's text: looked up in
        the file as written (quotes and indentation move it), else the node's own start."""
        snippet = snippet.split("\n", 1)[0][:40]
        written = self._source[node.start_mark.index : node.end_mark.index]
        found = -1
        for _ in range(text.count(snippet, 0, offset) + 1):
            found = written.find(snippet, found + 1)
            if found < 0:
                return line_of(node), int(node.start_mark.column) + 1
        return position(self._source[: node.start_mark.index + found])

    def options(self, fields: Fields, kind: str | None, defaults: Defaults) -> _Options:
        """`shuffle` and `multiple`, reported where the kind does not take them."""
        options = _Options(defaults.shuffle_choices, None)
        if spec.SHUFFLE in fields:
            key, value = fields[spec.SHUFFLE]
            if kind is not None and kind not in spec.SHUFFLE_KINDS:
                self.problem(key, f"'shuffle' applies only to choices and poll, not to '{kind}'")
            options.shuffle = bool(self.boolean(value, "'shuffle'"))
        if spec.MULTIPLE in fields:
            key, value = fields[spec.MULTIPLE]
            if kind is not None and kind not in spec.MULTIPLE_KINDS:
                self.problem(key, f"'multiple' applies only to choices, not to '{kind}'")
            options.multiple = self.boolean(value, "'multiple'")
        return options

    def kind(self, node: MappingNode, fields: Fields) -> str | None:
        """The one kind key of a question; reports none or several."""
        present = sorted(
            (key for key in spec.KIND_KEYS if key in fields),
            key=lambda key: (fields[key][0].start_mark.line, fields[key][0].start_mark.column),
        )
        if not present:
            if not self.suggested(node) & set(spec.KIND_KEYS):
                self.problem(
                    node,
                    "the question has no answer; add exactly one of: " + ", ".join(spec.KIND_KEYS),
                )
            return None
        for extra in present[1:]:
            self.problem(
                fields[extra][0],
                f"a question takes exactly one of {', '.join(spec.KIND_KEYS)}; "
                f"it already has '{present[0]}', so remove '{extra}' or split the question",
            )
        return present[0]

    # One builder a kind: check the kind's own key and build the model (None if wrong).

    def _choice_question(
        self, key: ScalarNode, value: Node, common: _Common, options: _Options
    ) -> ChoiceQuestion | None:
        choices = self.choices(key, value, options.multiple)
        if choices is None:
            return None
        texts, correct = choices
        return ChoiceQuestion(
            **common,
            choices=texts,
            correct=correct,
            multiple=bool(options.multiple) or len(correct) > 1,
            shuffle=options.shuffle,
        )

    def _true_false_question(
        self, key: ScalarNode, value: Node, common: _Common, options: _Options
    ) -> TrueFalseQuestion | None:
        answer = self.boolean(value, "'true_false'")
        return None if answer is None else TrueFalseQuestion(**common, answer=answer)

    def _type_answer_question(
        self, key: ScalarNode, value: Node, common: _Common, options: _Options
    ) -> TypeAnswerQuestion | None:
        accepted = self.accepted(value)
        return None if accepted is None else TypeAnswerQuestion(**common, accepted=accepted)

    def _slider_question(
        self, key: ScalarNode, value: Node, common: _Common, options: _Options
    ) -> SliderQuestion | None:
        slider = self.slider(value)
        if slider is None:
            return None
        return SliderQuestion(
            **common,
            minimum=slider[spec.MIN],
            maximum=slider[spec.MAX],
            step=slider[spec.STEP],
            answer=slider[spec.ANSWER],
            margin=slider[spec.MARGIN],
        )

    def _order_question(
        self, key: ScalarNode, value: Node, common: _Common, options: _Options
    ) -> OrderQuestion | None:
        items = self.texts(value, "'order'", "item", MIN_ORDER_ITEMS, MAX_ORDER_ITEMS)
        return None if items is None else OrderQuestion(**common, items=items)

    def _poll_question(
        self, key: ScalarNode, value: Node, common: _Common, options: _Options
    ) -> PollQuestion | None:
        choices = self.texts(value, "'poll'", "option", MIN_CHOICES, MAX_CHOICES)
        if choices is None:
            return None
        common = {**common, "points": PointsMode.NONE}
        return PollQuestion(**common, choices=choices, shuffle=options.shuffle)

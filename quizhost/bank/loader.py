"""YAML bank files -> validated `Bank` models, with every problem located and explained.

The loader works on ruamel.yaml's composed node graph (round-trip resolver, YAML 1.2) instead
of constructed Python objects, because nodes keep what authors need in an error message: the
line and column of every key and value, the scalar text exactly as written (`2` stays "2",
`1.50` stays "1.50"), and duplicate keys, which it reports itself so that every other problem
in the file is still found. Nothing here stops at the first problem: a `_Checker` collects
them all, and a bank is built only if none was found.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from attrs import frozen
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizhost.bank import spec
from quizhost.bank.errors import BankError, BankFileError, Problem
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
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.bank.textmatch import normalize_answer

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# Scalars that may stand for text: numbers and dates keep the text the author wrote.
_TEXT_TAGS = (_STR, _INT, _FLOAT, _TIMESTAMP)

# Keys authors reach for that mean something else here, with the fix.
_KEY_HINTS = {
    "answer": "for type-the-answer write 'accept: [...]'; for choices mark the right one "
    "as '- correct: TEXT'",
    "correct": "mark the right choice inside 'choices' as '- correct: TEXT'",
    "answers": "write the options under 'choices' and mark the right one as '- correct: TEXT'",
    "options": "write the options under 'choices' (or 'poll' for a poll)",
    "type": "the kind of a question comes from its answer key: one of " + ", ".join(spec.KIND_KEYS),
}


# Public functions.


@frozen
class BankReport:
    """The outcome of checking one file: a bank, or the problems that kept it from loading."""

    path: Path
    bank: Bank | None
    problems: tuple[Problem, ...]
    unreadable: bool = False  # the file itself could not be read (missing, a directory)

    @property
    def ok(self) -> bool:
        return self.bank is not None


def load_bank(path: str | Path) -> Bank:
    """Load and validate one bank file; raise `BankError` listing all of its problems.

    Raises `BankFileError` (a `BankError`) when the file cannot be read at all.
    """
    report = check_file(path)
    if report.bank is None:
        raise (BankFileError if report.unreadable else BankError)(report.problems)
    return report.bank


def load_banks(paths: Iterable[str | Path]) -> list[Bank]:
    """Load several banks; if any fails, raise one `BankError` with the problems of all."""
    reports = validate_paths(paths)
    problems = [problem for report in reports for problem in report.problems]
    if problems:
        if any(report.unreadable for report in reports):
            raise BankFileError(problems)
        raise BankError(problems)
    return [report.bank for report in reports if report.bank is not None]


def validate_paths(paths: Iterable[str | Path]) -> list[BankReport]:
    """Check every file and report on each, never raising: what `quizhost validate` prints."""
    return [check_file(path) for path in paths]


def check_file(path: str | Path) -> BankReport:
    """Read one file and check it; unreadable files give a report with `unreadable` set."""
    path = Path(path)
    name = str(path)
    try:
        if path.is_dir():
            reason = "is a directory; pass the bank files in it (e.g. DIR/*.yaml)"
            return _unreadable(path, name, reason)
        with path.open("rb") as stream:
            data = stream.read(spec.MAX_BANK_BYTES + 1)
    except FileNotFoundError:
        return _unreadable(path, name, "no such file")
    except OSError as error:
        return _unreadable(path, name, f"cannot read: {error.strerror or error}")
    if len(data) > spec.MAX_BANK_BYTES:
        limit = spec.MAX_BANK_BYTES // (1024 * 1024)
        problem = Problem(name, 0, 0, f"the file is larger than {limit} MiB; is it a bank?")
        return BankReport(path, None, (problem,))
    return check_bytes(data, path)


def check_bytes(data: bytes, source: Path) -> BankReport:
    """Check the bytes of a bank file as if read from `source` (images are looked up there)."""
    name = str(source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, col = _position(data[: error.start].decode("utf-8", "replace"))
        message = "the file is not UTF-8 text; save it as UTF-8 (is it really a YAML bank?)"
        return BankReport(source, None, (Problem(name, line, col, message),))
    return check_text(text, source)


def check_text(text: str, source: Path) -> BankReport:
    """Check YAML text as if read from `source`; the core of every function above."""
    checker = _Checker(str(source), source.parent)
    root = checker.parse(text)
    bank = checker.bank(root, source)
    problems = sorted(checker.problems, key=lambda problem: (problem.line, problem.col))
    return BankReport(source, bank, tuple(problems))


def _unreadable(path: Path, name: str, reason: str) -> BankReport:
    return BankReport(path, None, (Problem(name, 0, 0, reason),), unreadable=True)


def _position(prefix: str) -> tuple[int, int]:
    """1-based line and column just after `prefix`."""
    line = prefix.count("\n") + 1
    col = len(prefix) - (prefix.rfind("\n") + 1) + 1
    return line, col


# Describing nodes in messages.


def _tag(node: Node) -> str:
    tag: Any = node.tag
    return str(getattr(tag, "value", tag))


def _describe(node: Node) -> str:
    """What the author wrote, in words: 'a list', 'the number 3', "text 'yes'"."""
    if isinstance(node, MappingNode):
        return "a mapping (key: value)"
    if isinstance(node, SequenceNode):
        return "a list"
    tag = _tag(node)
    value = str(node.value)
    if tag in (_INT, _FLOAT):
        return f"the number {value}"
    if tag == _BOOL:
        return f"the true/false value {value}"
    if tag == _NULL:
        return "nothing (an empty value)"
    return f"text '{_shorten(value)}'"


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _unknown_key(name: str, allowed: Sequence[str], where: str) -> str:
    message = f"unknown key '{name}' in {where}"
    close = difflib.get_close_matches(name.lower(), allowed, n=1, cutoff=0.6)
    if close:
        return f"{message}; did you mean '{close[0]}'?"
    if name.lower() in _KEY_HINTS and where == "a question":
        return f"{message}; {_KEY_HINTS[name.lower()]}"
    return f"{message}; expected one of: {', '.join(allowed)}"


# The checker.

_Fields = dict[str, tuple[ScalarNode, Node]]


class _Checker:
    """Walks one bank's node graph, collecting problems; builds models only from valid parts."""

    def __init__(self, file: str, directory: Path) -> None:
        self.file = file
        self.directory = directory
        self.problems: list[Problem] = []
        # Keys that were unknown but close to an allowed key, per mapping node: a missing
        # required key is not reported again when a typo of it was already reported.
        self._suggested: dict[int, set[str]] = {}

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, node: Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, message))

    def problem_at(self, line: int, col: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, col, message))

    # Parsing.

    def parse(self, text: str) -> Node | None:
        """Compose the YAML into nodes; a syntax error becomes a problem at its mark."""
        yaml = YAML(typ="rt")
        try:
            root: Node | None = yaml.compose(text)
        except MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            self.problem_at(line, col, _syntax_message(error))
            return None
        except YAMLError as error:  # ReaderError: characters YAML does not allow
            position = getattr(error, "position", None)
            if isinstance(position, int):
                line, col = _position(text[:position])
            else:  # pragma: no cover - every ReaderError of ruamel has a position
                line, col = 1, 1
            self.problem_at(line, col, f"the file holds a character YAML does not allow: {error}")
            return None
        except RecursionError:
            self.problem_at(1, 1, "the YAML is nested too deeply to be a bank")
            return None
        if root is None:
            self.problem_at(1, 1, "the file is empty; a bank needs 'title' and 'questions'")
        return root

    # The bank.

    def bank(self, root: Node | None, source: Path) -> Bank | None:
        if root is None:
            return None
        if not isinstance(root, MappingNode):
            self.problem(
                root,
                "a bank is a mapping with 'title' and 'questions' at the top level; "
                f"got {_describe(root)}",
            )
            return None
        fields = self.mapping(root, "the bank", spec.TOP_KEYS)
        title = self.required_text(root, fields, spec.TITLE, "the bank", spec.MAX_TITLE_CHARS)
        description = None
        if spec.DESCRIPTION in fields:
            description = self.text(
                fields[spec.DESCRIPTION][1], "'description'", spec.MAX_DESCRIPTION_CHARS
            )
        defaults = self.defaults(fields.get(spec.DEFAULTS))
        questions = self.questions(root, fields, defaults)
        if not self.ok or title is None:
            return None
        return Bank(
            title=title,
            questions=tuple(questions),
            description=description,
            shuffle_questions=defaults.shuffle_questions,
            source=source.resolve(),
        )

    def defaults(self, entry: tuple[ScalarNode, Node] | None) -> _Defaults:
        result = _Defaults()
        if entry is None:
            return result
        node = entry[1]
        if not isinstance(node, MappingNode):
            self.problem(node, f"'defaults' must be a mapping of settings; got {_describe(node)}")
            return result
        fields = self.mapping(node, "'defaults'", spec.DEFAULTS_KEYS)
        if spec.TIME in fields:
            result.time_ms = self.time(fields[spec.TIME][1], result.time_ms)
        if spec.POINTS in fields:
            result.points = self.points(fields[spec.POINTS][1], result.points)
        for key in (spec.SHUFFLE_QUESTIONS, spec.SHUFFLE_CHOICES):
            if key in fields:
                value = self.boolean(fields[key][1], f"'{key}'")
                setattr(result, key, bool(value))
        return result

    def questions(self, root: MappingNode, fields: _Fields, defaults: _Defaults) -> list[Any]:
        if spec.QUESTIONS not in fields:
            if spec.QUESTIONS not in self._suggested.get(id(root), set()):
                self.problem(root, "missing 'questions': add a list of questions to the bank")
            return []
        node = fields[spec.QUESTIONS][1]
        if not isinstance(node, SequenceNode):
            hint = "; start each question with '- question:'"
            self.problem(node, f"'questions' must be a list; got {_describe(node)}{hint}")
            return []
        if not node.value:
            self.problem(node, "'questions' is empty; a bank needs at least one question")
        result = []
        for item in node.value:
            question = self.question(item, defaults)
            if question is not None:
                result.append(question)
        return result

    # One question.

    def question(self, node: Node, defaults: _Defaults) -> AnyQuestion | None:
        if not isinstance(node, MappingNode):
            self.problem(
                node,
                f"a question must be a mapping starting with 'question:'; got {_describe(node)}",
            )
            return None
        before = len(self.problems)
        fields = self.mapping(node, "a question", spec.QUESTION_KEYS)
        text = self.required_text(
            node, fields, spec.QUESTION, "a question", spec.MAX_QUESTION_CHARS
        )
        kind = self.kind(node, fields)
        common: dict[str, Any] = {
            "text": text,
            "line": node.start_mark.line + 1,
            "time_limit_ms": defaults.time_ms,
            "points": defaults.points,
        }
        if spec.TIME in fields:
            common["time_limit_ms"] = self.time(fields[spec.TIME][1], defaults.time_ms)
        if spec.POINTS in fields:
            key, value = fields[spec.POINTS]
            if kind == spec.POLL:
                self.problem(key, "a poll never scores points; remove 'points' from it")
            else:
                common["points"] = self.points(value, defaults.points)
        if spec.IMAGE in fields:
            common["image"] = self.image(fields[spec.IMAGE][1])
        if spec.EXPLANATION in fields:
            common["explanation"] = self.text(
                fields[spec.EXPLANATION][1], "'explanation'", spec.MAX_EXPLANATION_CHARS
            )
        shuffle = defaults.shuffle_choices
        if spec.SHUFFLE in fields:
            key, value = fields[spec.SHUFFLE]
            if kind is not None and kind not in spec.SHUFFLE_KINDS:
                self.problem(key, f"'shuffle' applies only to choices and poll, not to '{kind}'")
            shuffle = bool(self.boolean(value, "'shuffle'"))
        multiple: bool | None = None
        if spec.MULTIPLE in fields:
            key, value = fields[spec.MULTIPLE]
            if kind is not None and kind not in spec.MULTIPLE_KINDS:
                self.problem(key, f"'multiple' applies only to choices, not to '{kind}'")
            multiple = self.boolean(value, "'multiple'")
        built = self.answer(kind, fields, common, shuffle, multiple)
        return built if len(self.problems) == before else None

    def kind(self, node: MappingNode, fields: _Fields) -> str | None:
        """The one kind key of a question; reports none or several."""
        present = sorted(
            (key for key in spec.KIND_KEYS if key in fields),
            key=lambda key: (fields[key][0].start_mark.line, fields[key][0].start_mark.column),
        )
        if not present:
            if not self._suggested.get(id(node), set()) & set(spec.KIND_KEYS):
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

    def answer(
        self,
        kind: str | None,
        fields: _Fields,
        common: dict[str, Any],
        shuffle: bool,
        multiple: bool | None,
    ) -> AnyQuestion | None:
        """Check the kind's own key and build the model (if nothing was wrong)."""
        if kind is None:
            return None
        key, value = fields[kind]
        before = len(self.problems)
        question: AnyQuestion | None = None
        if kind == spec.CHOICES:
            choices = self.choices(key, value, multiple)
            if choices is not None:
                texts, correct = choices
                question = ChoiceQuestion(
                    **common,
                    choices=texts,
                    correct=correct,
                    multiple=bool(multiple) or len(correct) > 1,
                    shuffle=shuffle,
                )
        elif kind == spec.TRUE_FALSE:
            answer = self.boolean(value, "'true_false'")
            if answer is not None:
                question = TrueFalseQuestion(**common, answer=answer)
        elif kind == spec.ACCEPT:
            accepted = self.accepted(value)
            if accepted is not None:
                question = TypeAnswerQuestion(**common, accepted=accepted)
        elif kind == spec.SLIDER:
            slider = self.slider(value)
            if slider is not None:
                question = SliderQuestion(
                    **common,
                    minimum=slider[spec.MIN],
                    maximum=slider[spec.MAX],
                    step=slider[spec.STEP],
                    answer=slider[spec.ANSWER],
                    margin=slider[spec.MARGIN],
                )
        elif kind == spec.ORDER:
            items = self.texts(value, "'order'", "item", MIN_ORDER_ITEMS, MAX_ORDER_ITEMS)
            if items is not None:
                question = OrderQuestion(**common, items=items)
        else:
            options = self.texts(value, "'poll'", "option", MIN_CHOICES, MAX_CHOICES)
            if options is not None:
                common["points"] = PointsMode.NONE
                question = PollQuestion(**common, choices=options, shuffle=shuffle)
        if len(self.problems) != before or common["text"] is None:
            return None
        return question

    # Kinds.

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
            text_node: Node | None = item
            if isinstance(item, MappingNode):
                fields = self.mapping(item, "a choice", spec.CHOICE_KEYS)
                text_node = fields[spec.CORRECT][1] if spec.CORRECT in fields else None
                if text_node is None:
                    if self._suggested.get(id(item)):
                        typo = True
                    else:
                        self.problem(
                            item, "a choice written as a mapping must be '- correct: TEXT'"
                        )
                else:
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
        if not isinstance(node, MappingNode):
            self.problem(
                node,
                "'slider' must be a mapping like {min: 0, max: 100, step: 1, answer: 42}; "
                f"got {_describe(node)}",
            )
            return None
        fields = self.mapping(node, "'slider'", spec.SLIDER_KEYS)
        values: dict[str, float] = {}
        for key in spec.SLIDER_KEYS:
            if key in fields:
                number = self.number(fields[key][1], f"'{key}'")
                if number is not None:
                    values[key] = number
            elif key in spec.SLIDER_REQUIRED and key not in self._suggested.get(id(node), set()):
                self.problem(node, f"the slider has no '{key}'; add '{key}: NUMBER'")
        values.setdefault(spec.STEP, spec.DEFAULT_STEP)
        values.setdefault(spec.MARGIN, spec.DEFAULT_MARGIN)
        if any(key not in values for key in spec.SLIDER_KEYS):
            return None
        low, high, step = values[spec.MIN], values[spec.MAX], values[spec.STEP]
        answer, margin = values[spec.ANSWER], values[spec.MARGIN]

        def at(key: str) -> Node:
            return fields[key][1] if key in fields else node

        ok = True
        if low >= high:
            self.problem(
                at(spec.MAX),
                f"the slider's max ({_format_number(high)}) must be greater than its min "
                f"({_format_number(low)})",
            )
            ok = False
        if step <= 0:
            self.problem(at(spec.STEP), f"'step' must be greater than 0; got {step}")
            ok = False
        elif ok and not _whole(high - low, step):
            self.problem(
                at(spec.STEP),
                f"max - min = {_format_number(high - low)} is not a whole number of steps of "
                f"{_format_number(step)}; change the step or the range",
            )
            ok = False
        if margin < 0:
            self.problem(at(spec.MARGIN), f"'margin' must be 0 or more; got {margin}")
            ok = False
        if ok and not low <= answer <= high:
            self.problem(
                at(spec.ANSWER),
                f"the answer {_format_number(answer)} is outside the slider's range "
                f"{_format_number(low)} to {_format_number(high)}",
            )
        elif ok:
            nearest = low + round((answer - low) / step) * step
            if abs(nearest - answer) > margin + 1e-9 * max(1.0, abs(answer)):
                self.problem(
                    at(spec.ANSWER),
                    f"the slider moves in steps of {_format_number(step)} from "
                    f"{_format_number(low)}, so it can never land within {_format_number(margin)}"
                    f" of {_format_number(answer)}; put the answer on a step or add a margin",
                )
        return values

    def texts(
        self, node: Node, what: str, item_name: str, least: int, most: int
    ) -> tuple[str, ...] | None:
        """A list of distinct plain texts: order items and poll options."""
        items = self.sequence(node, what, item_name, least, most)
        if items is None:
            return None
        result: list[str] = []
        seen: dict[str, tuple[Node, str]] = {}
        for item in items:
            if isinstance(item, MappingNode):
                self.problem(
                    item,
                    f"{what} has no correct answer to mark; write each {item_name} as plain text"
                    if what == "'poll'"
                    else f"{what} items are plain text written in the correct order",
                )
                continue
            text = self.text(
                item,
                f"an {item_name}" if item_name[0] in "aeiou" else "a " + item_name,
                spec.MAX_CHOICE_CHARS,
            )
            if text is not None:
                self.distinct(text, text.casefold(), item, seen, item_name)
                result.append(text)
        return tuple(result) if len(result) == len(items) else None

    # Building blocks.

    def mapping(self, node: MappingNode, where: str, allowed: Sequence[str]) -> _Fields:
        """The allowed keys of a mapping; reports unknown, duplicate and non-text keys."""
        fields: _Fields = {}
        seen: dict[str, Node] = {}
        suggested = self._suggested.setdefault(id(node), set())
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "<<":
                self.problem(key, "YAML merge keys ('<<') are not supported in banks")
                continue
            if not isinstance(key, ScalarNode) or _tag(key) != _STR:
                self.problem(key, f"keys in {where} must be plain words; got {_describe(key)}")
                continue
            name = str(key.value)
            if name in seen:
                first = seen[name].start_mark.line + 1
                self.problem(
                    key, f"duplicate key '{name}' in {where} (first at line {first}); keep one"
                )
                continue
            seen[name] = key
            if name not in allowed:
                self.problem(key, _unknown_key(name, allowed, where))
                suggested.update(difflib.get_close_matches(name.lower(), allowed, n=1))
                continue
            fields[name] = (key, value)
        return fields

    def required_text(
        self, node: MappingNode, fields: _Fields, key: str, where: str, most: int
    ) -> str | None:
        if key not in fields:
            if key not in self._suggested.get(id(node), set()):
                self.problem(node, f"missing '{key}' in {where}; add '{key}: TEXT'")
            return None
        return self.text(fields[key][1], f"'{key}'", most)

    def sequence(
        self, node: Node, what: str, item_name: str, least: int, most: int
    ) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.problem(
                node,
                f"{what} must be a list of {least} to {most} {item_name}s; got {_describe(node)}",
            )
            return None
        items = list(node.value)
        if len(items) < least:
            self.problem(
                node, f"{what} has {len(items)} {item_name}(s); it needs {least} to {most}"
            )
            return None
        if len(items) > most:
            self.problem(
                items[most],
                f"too many {item_name}s: {what} has {len(items)}, at most {most} are allowed; "
                f"remove this one and any after it",
            )
            return None
        return items

    def distinct(
        self, text: str, key: str, node: Node, seen: dict[str, tuple[Node, str]], what: str
    ) -> None:
        """Report `text` if an earlier one had the same comparison `key`."""
        if key in seen:
            first, first_text = seen[key]
            line = first.start_mark.line + 1
            self.problem(
                node,
                f"duplicate {what} '{text}' (same as '{first_text}' on line {line}); remove one",
            )
        else:
            seen[key] = (node, text)

    def text(self, node: Node, what: str, most: int) -> str | None:
        """Text as written (numbers keep their spelling), stripped, non-empty and bounded."""
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{what} must be text; got {_describe(node)}")
            return None
        tag = _tag(node)
        value = str(node.value)
        if tag == _BOOL:
            self.problem(
                node,
                f"{what} must be text; got the true/false value {value}; "
                f'put it in quotes ("{value}") if you mean the word',
            )
            return None
        if tag == _NULL:
            self.problem(node, f"{what} is empty; write the text")
            return None
        if tag not in _TEXT_TAGS:
            self.problem(node, f"YAML tag '{tag}' is not supported here; remove it")
            return None
        if node.style == ">":  # ruamel marks where a folded scalar was folded with '\a'
            value = value.replace("\a", "")
        text = value.strip()
        if not text:
            self.problem(node, f"{what} is empty; write the text")
            return None
        if len(text) > most:
            self.problem(node, f"{what} is {len(text)} characters long; keep it to at most {most}")
            return None
        return text

    def number(self, node: Node, what: str) -> float | None:
        """A finite int or float as written in YAML (quoted numbers are text, not numbers)."""
        if isinstance(node, ScalarNode) and _tag(node) in (_INT, _FLOAT):
            value = _parse_number(str(node.value), _tag(node) == _INT)
            if value is not None:
                return value
            self.problem(node, f"{what} must be a finite number; got {node.value}")
            return None
        hint = "; remove the quotes" if _looks_numeric(node) else ""
        self.problem(node, f"{what} must be a number; got {_describe(node)}{hint}")
        return None

    def boolean(self, node: Node, what: str) -> bool | None:
        if isinstance(node, ScalarNode) and _tag(node) == _BOOL:
            return str(node.value).lower() == "true"
        self.problem(node, f"{what} must be true or false; got {_describe(node)}")
        return None

    def time(self, node: Node, default: int) -> int:
        seconds = self.number(node, "'time'")
        if seconds is None:
            return default
        if not spec.MIN_TIME_S <= seconds <= spec.MAX_TIME_S:
            self.problem(
                node,
                f"'time' is in seconds, from {spec.MIN_TIME_S} to {spec.MAX_TIME_S}; "
                f"got {_format_number(seconds)}",
            )
            return default
        return round(seconds * 1000)

    def points(self, node: Node, default: PointsMode) -> PointsMode:
        if isinstance(node, ScalarNode) and _tag(node) == _STR and node.value in spec.POINTS_VALUES:
            return PointsMode(node.value)
        message = f"'points' must be one of {', '.join(spec.POINTS_VALUES)}; got {_describe(node)}"
        close = difflib.get_close_matches(str(node.value).lower(), spec.POINTS_VALUES, n=1)
        if isinstance(node, ScalarNode) and close:
            message += f"; did you mean '{close[0]}'?"
        self.problem(node, message)
        return default

    def image(self, node: Node) -> str | None:
        """A path relative to the bank's folder, to an existing image file inside it."""
        text = self.text(node, "'image'", 300)
        if text is None:
            return None
        suffixes = ", ".join(spec.IMAGE_SUFFIXES)
        path = PurePosixPath(text)
        if "\\" in text:
            self.problem(node, "write the image path with forward slashes ('/')")
        elif path.is_absolute() or text.startswith("~"):
            self.problem(
                node, f"'image' must be a path relative to the bank's folder; got '{text}'"
            )
        elif ".." in path.parts:
            self.problem(node, "'image' must stay inside the bank's folder; remove '..'")
        elif path.suffix.lower() not in spec.IMAGE_SUFFIXES:
            self.problem(node, f"'image' must be one of {suffixes}; got '{text}'")
        else:
            full = self.directory / path
            folder = self.directory.resolve()
            if not full.resolve().is_relative_to(folder):
                self.problem(node, f"'image' links outside the bank's folder: {full}")
            elif not full.is_file():
                self.problem(node, f"image not found: looked for {full}")
            else:
                return path.as_posix()
        return None


class _Defaults:
    """The bank's `defaults:` as they apply to each question."""

    def __init__(self) -> None:
        self.time_ms = spec.DEFAULT_TIME_S * 1000
        self.points = PointsMode.STANDARD
        self.shuffle_questions = False
        self.shuffle_choices = False


def _parse_number(text: str, integer: bool) -> float | None:
    text = text.replace("_", "")
    if integer:
        try:
            return int(text, 10)
        except ValueError:
            try:
                return int(text, 0)
            except ValueError:  # pragma: no cover - the resolver only tags valid ints
                return None
    try:
        value = float(text)
    except ValueError:  # '.inf', '.nan' and friends
        return None
    return value if math.isfinite(value) else None


def _looks_numeric(node: Node) -> bool:
    if not isinstance(node, ScalarNode):
        return False
    try:
        float(str(node.value))
    except ValueError:
        return False
    return True


def _whole(span: float, step: float) -> bool:
    """Whether `span` is a whole number of `step`s, tolerating float rounding."""
    count = span / step
    return abs(count - round(count)) <= 1e-9 * max(1.0, abs(count))


def _syntax_message(error: MarkedYAMLError) -> str:
    problem = str(error.problem or "invalid YAML")
    message = f"YAML syntax error: {problem}"
    if "mapping values are not allowed" in problem:
        message += "; text containing ': ' needs quotes around it"
    elif "'\\t'" in problem:
        message += "; indent with spaces, not tabs"
    elif "another document" in problem:
        message += "; a bank file holds one document (remove the extra '---')"
    elif error.context:
        message += f" ({error.context})"
    return message

"""GIFT, Moodle's text format for questions, read with a grammar and written back.

A question is `::Title::` (optional), the text, and the answers in braces: `{=right ~wrong}`
(multiple choice; `~%50%` weights; several `=` or only weights: multiple answers),
`{=a =b}` (short answer), `{T}`/`{FALSE}`, `{#1822:1}` / `{#1..5}` (numerical), `#feedback`
after an answer and `####general feedback` at the end. Text after the braces makes the
"missing word" form (`Grant is {~buried =entombed} in Grant's tomb.`). Lines starting `//`
are comments; questions are separated by blank lines; `\\` escapes `~ = # { } :`.

quizhost keeps what GIFT cannot say (time, points, a slider's range, shuffle) in a comment
line above the question, `// quizhost: {"time": 30}`, which Moodle ignores and our import
reads back, so a bank survives a round trip.
"""

from __future__ import annotations

import functools
import html
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from attrs import define, field
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput

from quizhost.bank.models import (
    DEFAULT_TIME_LIMIT_MS,
    AnyQuestion,
    Bank,
    ChoiceQuestion,
    PointsMode,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.interchange.convert import (
    category_title,
    clean,
    explanation,
    numeric_question,
    parse_decimal,
    question_texts,
    shorten,
)
from quizhost.interchange.grammar import Chunk, chunks, error_message, error_place
from quizhost.interchange.htmltext import html_to_text
from quizhost.interchange.model import Imported, Issue, Item, Place
from quizhost.interchange.table import decode
from quizhost.interchange.yamlout import number

GRAMMAR = r"""
start: title? TEXT? block TEXT?
     | title? TEXT                     -> description
title: "::" TITLE "::"
block: "{" body "}"
?body: truefalse | numeric | answers | empty
empty:
truefalse: TF feedback? feedback? general?
numeric: "#" ATEXT? feedback? answer* general?
answers: answer+ general?
answer: MARK WEIGHT? ATEXT? feedback?
feedback: "#" ATEXT?
general: GENERAL ATEXT?

TF: /TRUE|FALSE|T|F/
MARK: /[=~]/
WEIGHT.3: /%-?\d+(?:\.\d+)?%/
GENERAL.3: "####"
ATEXT: /(?:\\.|[^\\{}=~#\s])(?:\\.|[^\\{}=~#])*/s
TEXT: /(?:\\.|[^\\{}:\s]|:(?!:))(?:\\.|[^\\{}:]|:(?!:))*/s
TITLE: /(?:\\.|[^\\:]|:(?!:))+/s

%import common.WS
%ignore WS
"""

_PARSER = Lark(GRAMMAR, parser="lalr", lexer="contextual", propagate_positions=True)
_WORDS = {
    "LBRACE": "'{' opening the answers",
    "RBRACE": "'}' closing the answers",
    "MARK": "an answer starting = or ~",
    "TF": "T, F, TRUE or FALSE",
    "WEIGHT": "a weight like %50%",
    "GENERAL": "'####' general feedback",
    "ATEXT": "answer text",
    "TEXT": "question text",
    "TITLE": "a title",
    "__ANON_0": "",
    "COLON": "'::'",
    "HASH": "'#' feedback",
    "$END": "the end of the question (is a blank line missing before the next one?)",
    "<END-OF-FILE>": "the end of the question (is a blank line missing before the next one?)",
}
_COMMENT = re.compile(r"^\s*//(.*)$")
_META = re.compile(r"^\s*quizhost:\s*(\{.*\})\s*$")
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_ESCAPE = re.compile(r"\\(.)")
_BLANK = "_____"
_LOOKS_HTML = re.compile(r"<[a-zA-Z/!]|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


# Reading.


def read_gift(path: Path) -> Imported:
    """Read every question of a GIFT file; a broken one is reported, the rest still read."""
    result = Imported(source=str(path))
    text = decode(path.read_bytes(), result)
    if text is None:
        return result
    categories: list[str] = []
    for chunk in chunks(text):
        body, meta, first = _strip_comments(chunk)
        if not body.strip():
            continue
        if body.lstrip().startswith("$CATEGORY:"):
            category = category_title(body.strip()[len("$CATEGORY:") :])
            if category:
                categories.append(category)
            continue
        place = Place(result.source, first, 1)
        try:
            tree = _PARSER.parse(body)
        except UnexpectedInput as error:
            result.problem(error_place(result.source, chunk, error), error_message(error, _WORDS))
            continue
        item = _item(result, tree, place, meta)
        if item is not None:
            result.items.append(item)
    if categories:
        result.title = categories[0]
    if len(set(categories)) > 1:
        result.warn(
            Place(result.source),
            f"the questions of {len(set(categories))} categories are in one bank, "
            f"titled after the first ('{categories[0]}')",
        )
    if not result.items and not result.problems and not result.warnings:
        result.problem(Place(result.source), "no questions found (GIFT: text {answers})")
    return result


def _strip_comments(chunk: Chunk) -> tuple[str, dict[str, Any], int]:
    """The chunk with comment lines emptied (positions kept), quizhost's metadata from them,
    and the line where the question itself starts."""
    lines = chunk.text.split("\n")
    meta: dict[str, Any] = {}
    first = chunk.line
    seen_text = False
    for index, line in enumerate(lines):
        match = _COMMENT.match(line)
        if match:
            found = _META.match(match.group(1))
            if found:
                try:
                    loaded = json.loads(found.group(1))
                except json.JSONDecodeError:
                    loaded = None
                if isinstance(loaded, dict):
                    meta.update(loaded)
            lines[index] = ""
        elif not seen_text:
            seen_text = True
            first = chunk.line + index
    return "\n".join(lines), meta, first


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: " " if m.group(1) == "n" else m.group(1), text)


def _text_format(raw: str) -> str:
    """The question's `[format]`: html, plain, or auto (no prefix: HTML if it looks like it,
    as Moodle's default format renders tags)."""
    match = _FORMAT.match(raw)
    if not match:
        return "auto"
    return "html" if match.group(1).lower() in ("html", "moodle") else "plain"


def _plain(text: str, lost: list[str], text_format: str = "auto") -> str:
    """GIFT text to plain text: `[format]` prefixes dropped, HTML flattened, escapes undone."""
    text = _unescape(text)
    match = _FORMAT.match(text)
    if match:
        text = text[match.end() :]
    if text_format == "html" or (text_format == "auto" and _LOOKS_HTML.search(text)):
        flat = html_to_text(text)
        for what in flat.lost:
            lost.append(f"HTML {what} dropped from the text")
        if flat.images:
            lost.append("an image in the HTML text left out")
        return flat.text
    return clean(text)


@define
class _Answer:
    mark: str
    weight: Decimal | None
    text: str
    feedback: str | None

    @property
    def credit(self) -> Decimal:
        if self.weight is not None:
            return self.weight
        return Decimal(100) if self.mark == "=" else Decimal(0)


@define
class _Block:
    kind: str
    answers: list[_Answer] = field(factory=list)
    value: str | None = None  # T/F, or the numeric spec
    feedbacks: list[str] = field(factory=list)
    general: str | None = None


def _tokens(tree: Tree[Token], name: str) -> list[Token]:
    return [child for child in tree.children if isinstance(child, Token) and child.type == name]


def _subtrees(tree: Tree[Token], name: str) -> list[Tree[Token]]:
    return [child for child in tree.children if isinstance(child, Tree) and child.data == name]


def _feedback_text(tree: Tree[Token]) -> str:
    """The feedback as written (escapes and HTML are undone with the question's format)."""
    texts = _tokens(tree, "ATEXT")
    return str(texts[0]) if texts else ""


def _block(tree: Tree[Token]) -> _Block:
    body = tree.children[0]
    assert isinstance(body, Tree)
    block = _Block(str(body.data))
    general = _subtrees(body, "general")
    if general:
        block.general = _feedback_text(general[0])
    block.feedbacks = [_feedback_text(sub) for sub in _subtrees(body, "feedback")]
    for value in _tokens(body, "TF") + _tokens(body, "ATEXT"):
        block.value = str(value)
    for answer in _subtrees(body, "answer"):
        (mark,) = _tokens(answer, "MARK")
        weights = _tokens(answer, "WEIGHT")
        texts = _tokens(answer, "ATEXT")
        feedback = _subtrees(answer, "feedback")
        block.answers.append(
            _Answer(
                mark=str(mark),
                weight=Decimal(str(weights[0])[1:-1]) if weights else None,
                text=str(texts[0]) if texts else "",
                feedback=_feedback_text(feedback[0]) if feedback else None,
            )
        )
    return block


def _item(result: Imported, tree: Tree[Token], place: Place, meta: dict[str, Any]) -> Item | None:
    lost: list[str] = []
    comments: list[str] = []
    titles = _subtrees(tree, "title")
    if titles:
        comments.append(f"GIFT title: {clean(_unescape(str(_tokens(titles[0], 'TITLE')[0])))}")
    texts = _tokens(tree, "TEXT")
    if tree.data == "description":
        result.warn(place, "skipped a description (text with no answers): not a question")
        return None
    blocks = _subtrees(tree, "block")
    block = _block(blocks[0])
    before = [t for t in texts if t.end_pos is not None and t.end_pos <= (blocks[0].meta.start_pos)]
    after = [t for t in texts if t not in before]
    text_format = _text_format(str(before[0])) if before else "auto"

    def plain(raw: str) -> str:
        return _plain(raw, lost, text_format)

    text = plain(str(before[0])) if before else ""
    tail = plain(str(after[0])) if after else ""
    block.general = plain(block.general) if block.general is not None else None
    block.feedbacks = [plain(feedback) for feedback in block.feedbacks]
    for answer in block.answers:
        if block.kind != "numeric":
            answer.text = plain(answer.text)
        answer.feedback = plain(answer.feedback) if answer.feedback is not None else None
    if tail:  # the missing-word form: the answers stand for a blank in the sentence
        text = f"{text} {_BLANK}{'' if tail[0] in '.,;:!?)' else ' '}{tail}".strip()
    common: dict[str, Any] = {"text": text}
    _apply_meta(common, meta)
    question = _question(result, block, common, place, lost, meta)
    if question is None:
        return None
    return Item(question, place, lost=lost, comments=comments)


def _apply_meta(common: dict[str, Any], meta: dict[str, Any]) -> None:
    time = meta.get("time")
    if isinstance(time, int | float) and not isinstance(time, bool):
        common["time_limit_ms"] = round(time * 1000)
    points = meta.get("points")
    if points in ("standard", "double", "none"):
        common["points"] = PointsMode(points)


def _question(
    result: Imported,
    block: _Block,
    common: dict[str, Any],
    place: Place,
    lost: list[str],
    meta: dict[str, Any],
) -> AnyQuestion | None:
    name = f"question '{shorten(common['text'])}'"
    if block.kind == "empty":
        result.warn(place, f"skipped {name}: an essay question (no answers) has no quizhost kind")
        return None
    if block.kind == "truefalse":
        truth = (block.value or "T").startswith("T")
        chosen = block.general or (block.feedbacks[0] if block.feedbacks else None)
        if len(block.feedbacks) > 1 or (block.general and block.feedbacks):
            lost.append("feedback on the answers left out (quizhost shows one explanation)")
        common["explanation"] = explanation(chosen, lost)
        return TrueFalseQuestion(**common, answer=truth)
    if block.kind == "numeric":
        return _numeric(result, block, common, place, lost, meta)
    answers = block.answers
    if any(answer.mark == "~" for answer in answers):
        return _choice(result, block, common, place, lost, meta)
    if any("->" in answer.text for answer in answers):
        result.warn(place, f"skipped {name}: a matching question has no quizhost kind")
        return None
    accepted = [a for a in answers if a.credit >= 100]
    for answer in answers:
        if answer.credit < 100:
            lost.append(f"the partly right answer '{answer.text}' ({answer.credit}%) left out")
    if not accepted:
        result.problem(place, "no fully right answer (=answer or =%100%answer)")
        return None
    common["explanation"] = _explanation(block, accepted, lost)
    return TypeAnswerQuestion(**common, accepted=tuple(a.text for a in accepted))


def _explanation(block: _Block, right: list[_Answer], lost: list[str]) -> str | None:
    """General feedback, else the right answer's feedback; other feedback is dropped."""
    feedbacks = [a.feedback for a in block.answers if a.feedback]
    chosen = block.general or next((a.feedback for a in right if a.feedback), None)
    if len([f for f in feedbacks if f != chosen]) > 0:
        lost.append("feedback on the other answers left out (quizhost shows one explanation)")
    return explanation(chosen, lost)


def _choice(
    result: Imported,
    block: _Block,
    common: dict[str, Any],
    place: Place,
    lost: list[str],
    meta: dict[str, Any],
) -> AnyQuestion | None:
    answers = block.answers
    exact = [index for index, a in enumerate(answers) if a.mark == "=" and a.weight is None]
    if exact:
        correct = frozenset(exact)
        multiple = len(exact) > 1
        for index, answer in enumerate(answers):
            if index not in correct and answer.credit > 0:
                lost.append(
                    f"partial credit ({answer.credit}%) for '{answer.text}' left out: counted wrong"
                )
    else:  # weights only: Moodle's multiple-answer question
        correct = frozenset(index for index, a in enumerate(answers) if a.credit > 0)
        multiple = True
    if not correct:
        result.problem(place, "no right answer: mark one with = or give a positive %weight%")
        return None
    common["explanation"] = _explanation(block, [answers[i] for i in sorted(correct)], lost)
    return ChoiceQuestion(
        **common,
        choices=tuple(a.text for a in answers),
        correct=correct,
        multiple=multiple,
        shuffle=bool(meta.get("shuffle", False)),
    )


def _numeric(
    result: Imported,
    block: _Block,
    common: dict[str, Any],
    place: Place,
    lost: list[str],
    meta: dict[str, Any],
) -> AnyQuestion | None:
    specs = [(block.value or "", Decimal(100))] if block.value else []
    specs += [(a.text, a.credit) for a in block.answers]
    full = [spec for spec, credit in specs if credit >= 100]
    for spec, credit in specs:
        if credit < 100:
            lost.append(f"the partly right answer {clean(spec)} ({credit}%) left out")
    parsed = _number_spec(full[0]) if full else None
    if parsed is None:
        result.problem(place, "a numerical answer is {#value}, {#value:margin} or {#min..max}")
        return None
    answer, margin = parsed
    if len(full) > 1:
        lost.append("other right numbers left out: quizhost keeps the first")
    right = [a for a in block.answers if a.credit >= 100]
    if block.feedbacks:  # {#1822:1#feedback}: the feedback of the one answer
        right = [_Answer("=", None, block.value or "", block.feedbacks[0]), *right]
    common["explanation"] = _explanation(block, right, lost)
    slider = meta.get("slider")
    if isinstance(slider, list) and len(slider) == 3:
        low, high, step = (float(value) for value in slider)
        return SliderQuestion(
            **common,
            minimum=low,
            maximum=high,
            step=step,
            answer=float(answer),
            margin=float(margin),
        )
    return numeric_question(common, answer, margin, lost)


def _number_spec(spec: str) -> tuple[Decimal, Decimal] | None:
    """`1822`, `1822:1` or `1821..1823` as (answer, margin)."""
    spec = clean(_unescape(spec))
    if ".." in spec:
        low, _, high = spec.partition("..")
        a, b = parse_decimal(low), parse_decimal(high)
        if a is None or b is None or b < a:
            return None
        return (a + b) / 2, (b - a) / 2
    value, _, margin = spec.partition(":")
    a = parse_decimal(value)
    m = parse_decimal(margin) if margin else Decimal(0)
    if a is None or m is None or m < 0:
        return None
    return a, m


# Writing.


def escape(text: str) -> str:
    """Text safe inside GIFT: the special characters backslashed, one line."""
    return re.sub(r"([~=#{}:\\])", r"\\\1", " ".join(text.split()))


def write_gift(bank: Bank, path: Path) -> list[Issue]:
    """Write the bank as GIFT; order questions and polls (no GIFT kind) and images are left
    out with a warning each."""
    warnings: list[Issue] = []
    blocks = [
        f"$CATEGORY: $course$/{bank.title.replace('/', ' ')}",
        "// written by quizhost; '// quizhost:' lines keep what GIFT cannot say",
    ]
    for question in bank.questions:
        place = Place(str(bank.source or "bank"), question.line, 1)
        name = f"question '{shorten(question.text)}'"
        answers = _answers_for(question, _needs_html(question))
        if answers is None:
            warnings.append(Issue(place, f"skipped {name}: GIFT has no {question.kind} questions"))
            continue
        if question.image:
            warnings.append(Issue(place, f"{name}: the image left out (GIFT text holds none)"))
        meta: dict[str, Any] = {}
        if question.time_limit_ms != DEFAULT_TIME_LIMIT_MS:
            seconds = question.time_limit_ms / 1000
            meta["time"] = int(seconds) if seconds.is_integer() else seconds
        if question.points != PointsMode.STANDARD:
            meta["points"] = question.points.value
        if isinstance(question, ChoiceQuestion) and question.shuffle:
            meta["shuffle"] = True
        if isinstance(question, SliderQuestion):
            meta["slider"] = [question.minimum, question.maximum, question.step]
        html_mode = _needs_html(question)
        text = ("[html]" if html_mode else "") + _escape_for(question.text, html_mode)
        general = ""
        if question.explanation:
            general = f" ####{_escape_for(question.explanation, html_mode)}"
        lines = [f"// quizhost: {json.dumps(meta)}"] if meta else []
        lines.append(f"{text} {{{answers}{general}}}")
        blocks.append("\n".join(lines))
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return warnings


def _needs_html(question: AnyQuestion) -> bool:
    """Whether a text of the question has `<`, `>` or `&`, which Moodle would take for HTML:
    then the question is written `[html]` with those characters as entities."""
    return any(char in text for text in question_texts(question) for char in "<>&")


def _escape_for(text: str, html_mode: bool) -> str:
    return escape(html.escape(text, quote=False) if html_mode else text)


def _answers_for(question: AnyQuestion, html_mode: bool = False) -> str | None:
    escape = functools.partial(_escape_for, html_mode=html_mode)
    if isinstance(question, ChoiceQuestion):
        if not question.multiple:
            return " ".join(
                f"{'=' if index in question.correct else '~'}{escape(choice)}"
                for index, choice in enumerate(question.choices)
            )
        share = _weight(Decimal(100) / len(question.correct))
        return " ".join(
            f"~%{share if index in question.correct else '-100'}%{escape(choice)}"
            for index, choice in enumerate(question.choices)
        )
    if isinstance(question, TrueFalseQuestion):
        return "TRUE" if question.answer else "FALSE"
    if isinstance(question, TypeAnswerQuestion):
        return " ".join(f"={escape(text)}" for text in question.accepted)
    if isinstance(question, SliderQuestion):
        margin = f":{number(question.margin)}" if question.margin else ""
        return f"#{number(question.answer)}{margin}"
    return None


def _weight(value: Decimal) -> str:
    """A weight as Moodle lists them: 50, 33.33333, 16.66667."""
    text = format(value.quantize(Decimal("0.00001")).normalize(), "f")
    return text

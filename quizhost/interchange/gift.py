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

This module turns parsed questions into bank models; the syntax is `gift_syntax.py`'s and
writing is `gift_write.py`'s (both public names are re-exported here).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from lark import Token, Tree
from lark.exceptions import UnexpectedInput

from quizhost.bank.models import (
    AnyQuestion,
    ChoiceQuestion,
    PointsMode,
    SliderQuestion,
    TrueFalseQuestion,
    TypeAnswerQuestion,
)
from quizhost.interchange.cells import decode
from quizhost.interchange.convert import (
    category_title,
    clean,
    explanation,
    numeric_question,
    parse_decimal,
    shorten,
)
from quizhost.interchange.gift_syntax import (
    PARSER,
    WORDS,
    Answer,
    Block,
    drop_format,
    read_block,
    strip_comments,
    subtrees,
    text_format,
    tokens,
    unescape,
)
from quizhost.interchange.gift_write import escape, write_gift
from quizhost.interchange.grammar import chunks, error_message, error_place
from quizhost.interchange.htmltext import html_to_text
from quizhost.interchange.model import Draft, Imported, Item, Place

__all__ = ["escape", "read_gift", "write_gift"]

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
        body, meta, first = strip_comments(chunk)
        if not body.strip():
            continue
        if body.lstrip().startswith("$CATEGORY:"):
            category = category_title(body.strip()[len("$CATEGORY:") :])
            if category:
                categories.append(category)
            continue
        place = Place(result.source, first, 1)
        try:
            tree = PARSER.parse(body)
        except UnexpectedInput as error:
            result.problem(error_place(result.source, chunk, error), error_message(error, WORDS))
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


def _plain(text: str, lost: list[str], form: str = "auto") -> str:
    """GIFT text to plain text: `[format]` prefixes dropped, HTML flattened, escapes undone."""
    text = drop_format(unescape(text))
    if form == "html" or (form == "auto" and _LOOKS_HTML.search(text)):
        flat = html_to_text(text)
        for what in flat.lost:
            lost.append(f"HTML {what} dropped from the text")
        if flat.images:
            lost.append("an image in the HTML text left out")
        return flat.text
    return clean(text)


def _item(result: Imported, tree: Tree[Token], place: Place, meta: dict[str, Any]) -> Item | None:
    lost: list[str] = []
    comments: list[str] = []
    titles = subtrees(tree, "title")
    if titles:
        comments.append(f"GIFT title: {clean(unescape(str(tokens(titles[0], 'TITLE')[0])))}")
    texts = tokens(tree, "TEXT")
    if tree.data == "description":
        result.warn(place, "skipped a description (text with no answers): not a question")
        return None
    blocks = subtrees(tree, "block")
    block = read_block(blocks[0])
    before = [t for t in texts if t.end_pos is not None and t.end_pos <= (blocks[0].meta.start_pos)]
    after = [t for t in texts if t not in before]
    form = text_format(str(before[0])) if before else "auto"

    def plain(raw: str) -> str:
        return _plain(raw, lost, form)

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
    draft = Draft(result, place, {"text": text}, lost)
    _apply_meta(draft.common, meta)
    question = _question(draft, block, meta)
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


def _question(draft: Draft, block: Block, meta: dict[str, Any]) -> AnyQuestion | None:
    common, lost = draft.common, draft.lost
    name = f"question '{shorten(common['text'])}'"
    if block.kind == "empty":
        draft.warn(f"skipped {name}: an essay question (no answers) has no quizhost kind")
        return None
    if block.kind == "truefalse":
        truth = (block.value or "T").startswith("T")
        chosen = block.general or (block.feedbacks[0] if block.feedbacks else None)
        if len(block.feedbacks) > 1 or (block.general and block.feedbacks):
            lost.append("feedback on the answers left out (quizhost shows one explanation)")
        common["explanation"] = explanation(chosen, lost)
        return TrueFalseQuestion(**common, answer=truth)
    if block.kind == "numeric":
        return _numeric(draft, block, meta)
    answers = block.answers
    if any(answer.mark == "~" for answer in answers):
        return _choice(draft, block, meta)
    if any("->" in answer.text for answer in answers):
        draft.warn(f"skipped {name}: a matching question has no quizhost kind")
        return None
    accepted = [a for a in answers if a.credit >= 100]
    for answer in answers:
        if answer.credit < 100:
            lost.append(f"the partly right answer '{answer.text}' ({answer.credit}%) left out")
    if not accepted:
        draft.problem("no fully right answer (=answer or =%100%answer)")
        return None
    common["explanation"] = _explanation(block, accepted, lost)
    return TypeAnswerQuestion(**common, accepted=tuple(a.text for a in accepted))


def _explanation(block: Block, right: list[Answer], lost: list[str]) -> str | None:
    """General feedback, else the right answer's feedback; other feedback is dropped."""
    feedbacks = [a.feedback for a in block.answers if a.feedback]
    chosen = block.general or next((a.feedback for a in right if a.feedback), None)
    if len([f for f in feedbacks if f != chosen]) > 0:
        lost.append("feedback on the other answers left out (quizhost shows one explanation)")
    return explanation(chosen, lost)


def _choice(draft: Draft, block: Block, meta: dict[str, Any]) -> AnyQuestion | None:
    common, lost = draft.common, draft.lost
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
        draft.problem("no right answer: mark one with = or give a positive %weight%")
        return None
    common["explanation"] = _explanation(block, [answers[i] for i in sorted(correct)], lost)
    return ChoiceQuestion(
        **common,
        choices=tuple(a.text for a in answers),
        correct=correct,
        multiple=multiple,
        shuffle=bool(meta.get("shuffle", False)),
    )


def _numeric(draft: Draft, block: Block, meta: dict[str, Any]) -> AnyQuestion | None:
    common, lost = draft.common, draft.lost
    specs = [(block.value or "", Decimal(100))] if block.value else []
    specs += [(a.text, a.credit) for a in block.answers]
    full = [spec for spec, credit in specs if credit >= 100]
    for spec, credit in specs:
        if credit < 100:
            lost.append(f"the partly right answer {clean(spec)} ({credit}%) left out")
    parsed = _number_spec(full[0]) if full else None
    if parsed is None:
        draft.problem("a numerical answer is {#value}, {#value:margin} or {#min..max}")
        return None
    answer, margin = parsed
    if len(full) > 1:
        lost.append("other right numbers left out: quizhost keeps the first")
    right = [a for a in block.answers if a.credit >= 100]
    if block.feedbacks:  # {#1822:1#feedback}: the feedback of the one answer
        right = [Answer("=", None, block.value or "", block.feedbacks[0]), *right]
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
    spec = clean(unescape(spec))
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

// @ts-check
// One renderer per question kind. Each draws its controls into the answers container and
// calls submitAnswer() with the field its kind answers with (docs/protocol.md).

import { submitAnswer, updateSubmitStates } from "./answering.js";
import { $, announce, bankText, el } from "./dom.js";
import { mathAt, showMath, spokenText } from "./mathml.js";
import { paint, shapeIcon, styleOf } from "./shapes.js";
import { app } from "./state.js";
import { loadSelection, saveSelection } from "./storage.js";
import { choiceText, decimal, number, t } from "./i18n.js";

/** @typedef {import("./frames.js").Question} Question */
/** @typedef {(q: Question, container: HTMLElement) => void} Renderer */

/**
 * @param {string} kind
 * @param {number} position
 * @param {string} text
 */
function answerButton(kind, position, text) {
  const style = styleOf(kind, position);
  const button = el("button", "answer");
  paint(button, style);
  button.type = "button";
  const label =
    kind === "true_false"
      ? el("span", "answer-text", choiceText(kind, position, text))
      : bankText(el("span", "answer-text", text), app.question);
  const math = kind === "true_false" ? null : mathAt(app.question?.choices_math, position);
  if (math) {
    showMath(label, math, text);
    button.setAttribute("aria-label", spokenText(math, text)); // a name is flat text: formulas as Unicode
  }
  button.append(shapeIcon(style), label);
  return button;
}

/**
 * Two columns only while every word fits a half-width button at 320 px; else one column.
 * @param {HTMLElement} container
 * @param {string[]} choices
 */
function choiceGrid(container, choices) {
  const long = choices.some(
    (c) => String(c).length > 18 || String(c).split(/\s+/).some((w) => w.length > 9),
  );
  container.classList.add("grid");
  if (long || choices.length === 2) container.classList.add("wide");
}

/**
 * Arrow keys move the focus between answer tiles as laid out: left and right one tile, up and
 * down one row, Home and End to the first and last; no wrapping at the edges.
 * @param {HTMLElement} grid
 */
function arrowKeys(grid) {
  grid.addEventListener("keydown", (event) => {
    const tiles = [...grid.children].filter(
      (t) => t instanceof HTMLButtonElement && t.classList.contains("answer"),
    );
    const from = tiles.findIndex((t) => t === document.activeElement);
    if (from < 0 || !(tiles[0] instanceof HTMLElement)) return;
    const top = tiles[0].offsetTop;
    const columns = tiles.filter((t) => t instanceof HTMLElement && t.offsetTop === top).length;
    const ahead = getComputedStyle(grid).direction === "rtl" ? -1 : 1;
    /** @type {Record<string, number>} */
    const moves = {
      ArrowLeft: -ahead,
      ArrowRight: ahead,
      ArrowUp: -columns,
      ArrowDown: columns,
      Home: -from,
      End: tiles.length - 1 - from,
    };
    if (!Object.prototype.hasOwnProperty.call(moves, event.key)) return;
    event.preventDefault();
    const to = tiles[from + moves[event.key]];
    if (to instanceof HTMLElement) to.focus();
  });
}

/**
 * @param {string} label
 * @param {() => void} action
 */
function submitButton(label, action) {
  const button = el("button", "primary submit", label);
  button.type = "button";
  button.addEventListener("click", action);
  return button;
}

/** @type {Renderer} */
function renderChoice(q, container) {
  const choices = q.choices || [];
  $("question-hint").textContent = t(q.kind === "poll" ? "kinds.vote" : "kinds.tapOne");
  choiceGrid(container, choices);
  arrowKeys(container);
  choices.forEach((choice, i) => {
    const button = answerButton(q.kind, i, choice);
    button.addEventListener("click", () => {
      if (app.status !== "open") return;
      button.classList.add("chosen");
      submitAnswer({ choice: i });
    });
    container.append(button);
  });
}

/** @type {Renderer} */
function renderTrueFalse(q, container) {
  $("question-hint").textContent = t("kinds.trueOrFalse");
  container.classList.add("grid", "wide");
  arrowKeys(container);
  (q.choices || []).forEach((choice, i) => {
    const button = answerButton(q.kind, i, choice);
    button.addEventListener("click", () => {
      if (app.status !== "open") return;
      button.classList.add("chosen");
      submitAnswer({ choice: i });
    });
    container.append(button);
  });
}

/** @type {Renderer} */
function renderMultiple(q, container) {
  const choices = q.choices || [];
  $("question-hint").textContent = t("kinds.tapEvery");
  const grid = el("div", "answers grid");
  choiceGrid(grid, choices);
  arrowKeys(grid);
  const kept = loadSelection(app.pin, q.index);
  const chosen = () =>
    [...grid.querySelectorAll('[aria-pressed="true"]')].map((b) =>
      Number(b instanceof HTMLElement ? b.dataset.index : -1),
    );
  choices.forEach((choice, i) => {
    const button = answerButton(q.kind, i, choice);
    button.setAttribute("aria-pressed", String(kept.includes(i)));
    button.dataset.index = String(i);
    const tick = el("span", "tick"); // its ✓ comes from CSS, only while pressed
    tick.setAttribute("aria-hidden", "true");
    button.append(tick);
    button.addEventListener("click", () => {
      const pressed = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", String(pressed));
      saveSelection(app.pin, q.index, chosen());
      updateSubmitStates();
    });
    grid.append(button);
  });
  const submit = submitButton(t("kinds.submit"), () => {
    const choices = chosen();
    if (choices.length) submitAnswer({ choices });
  });
  submit.dataset.needsChoice = "";
  submit.disabled = true;
  container.append(grid, submit);
}

/** @type {Renderer} */
function renderTypeAnswer(_q, container) {
  $("question-hint").textContent = t("kinds.type");
  const form = el("form", "type-answer");
  const label = el("label", "", t("kinds.yourAnswer"));
  label.htmlFor = "typed-answer";
  const input = el("input");
  input.id = "typed-answer";
  Object.assign(input, { autocomplete: "off", spellcheck: false, maxLength: 120 });
  input.setAttribute("autocapitalize", "off");
  input.setAttribute("enterkeyhint", "send");
  const submit = el("button", "primary submit", t("kinds.submit"));
  submit.type = "submit";
  form.append(label, input, submit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text) submitAnswer({ text });
    else input.focus();
  });
  // Keep the field above the phone's keyboard.
  input.addEventListener("focus", () =>
    setTimeout(() => form.scrollIntoView({ block: "center" }), 300),
  );
  container.append(form);
}

/** @param {number} step */
function decimals(step) {
  const text = String(step);
  return text.includes(".") ? text.split(".")[1].length : 0;
}

/** @type {Renderer} */
function renderSlider(q, container) {
  $("question-hint").textContent = t("kinds.slide");
  const min = Number(q.min);
  const max = Number(q.max);
  const step = Number(q.step) || 1;
  const places = decimals(step);
  /** @param {number} v */
  const snap = (v) => Math.min(max, Math.max(min, min + Math.round((v - min) / step) * step));
  const box = el("div", "slider");
  const output = el("output", "slider-value");
  output.htmlFor.add("slider-input");
  output.setAttribute("aria-live", "polite");
  const input = el("input");
  input.type = "range";
  input.id = "slider-input";
  Object.assign(input, { min: String(min), max: String(max), step: String(step) });
  input.setAttribute("aria-label", t("kinds.sliderLabel", { min: decimal(min, places), max: decimal(max, places) }),);
  input.value = snap((min + max) / 2).toFixed(places);
  const show = () => {
    output.textContent = decimal(Number(input.value), places);
  };
  input.addEventListener("input", show);
  const ends = el("div", "slider-ends");
  ends.append(el("span", "", decimal(min, places)), el("span", "", decimal(max, places)));
  /**
   * @param {number} sign
   * @param {string} label
   */
  const nudge = (sign, label) => {
    const button = el("button", "nudge", sign > 0 ? "+" : "−");
    button.type = "button";
    button.setAttribute("aria-label", label);
    button.addEventListener("click", () => {
      input.value = snap(Number(input.value) + sign * step).toFixed(places);
      show();
    });
    return button;
  };
  const row = el("div", "slider-row");
  row.append(nudge(-1, t("kinds.less")), output, nudge(1, t("kinds.more")));
  show();
  const submit = submitButton(t("kinds.submit"), () =>
    submitAnswer({ value: Number(Number(input.value).toFixed(places)) }),
  );
  box.append(row, input, ends);
  container.append(box, submit);
}

/** @type {Renderer} */
function renderOrder(q, container) {
  $("question-hint").textContent = t("kinds.order");
  const list = el("ol", "order");
  list.setAttribute("aria-label", t("kinds.orderLabel"));
  /** @type {number | null} */
  let picked = null;
  // `text`: the item in words (a formula as Unicode); `shown` is drawn with its formulas.
  const items = (q.items || []).map((shown, index) => {
    const math = mathAt(q.items_math, index);
    return { text: spokenText(math, shown), shown, math, index };
  });
  /**
   * @param {number} from
   * @param {number} to
   */
  const move = (from, to) => {
    const [item] = items.splice(from, 1);
    items.splice(to, 0, item);
    announce(t("kinds.nowNumber", { item: item.text, n: number(to + 1) }));
  };
  /**
   * A move button; after the move the focus follows the item to its new row (to the other
   * arrow when this one is now at the edge), rather than falling to <body>.
   * @param {"up" | "down"} way
   * @param {string} text
   * @param {number} from
   */
  const arrow = (way, text, from) => {
    const to = way === "up" ? from - 1 : from + 1;
    const edge = to < 0 || to >= items.length;
    const button = el("button", "order-arrow", way === "up" ? "↑" : "↓");
    button.type = "button";
    button.setAttribute("aria-label", t(way === "up" ? "kinds.moveUp" : "kinds.moveDown", { item: text }));
    button.dataset.edge = String(edge);
    button.dataset.way = way;
    button.disabled = edge || app.status !== "open";
    button.addEventListener("click", () => {
      move(from, to);
      picked = null;
      draw();
      const row = list.children[to];
      const arrows = row ? [...row.querySelectorAll(".order-arrow")] : [];
      const next = arrows.find((b) => b instanceof HTMLButtonElement && !b.disabled && b.dataset.way === way) ||
        arrows.find((b) => b instanceof HTMLButtonElement && !b.disabled);
      if (next instanceof HTMLElement) next.focus();
    });
    return button;
  };
  const draw = () => {
    list.replaceChildren();
    items.forEach((item, position) => {
      const row = el("li", "order-item" + (picked === position ? " picked" : ""));
      const pick = el("button", "order-pick");
      pick.type = "button";
      pick.setAttribute("aria-pressed", String(picked === position));
      pick.append(
        el("span", "order-number", number(position + 1)),
        showMath(bankText(el("span", "order-text"), q), item.math, item.shown),
      );
      if (item.math) pick.setAttribute("aria-label", number(position + 1) + " " + item.text);
      pick.addEventListener("click", () => {
        if (picked === null) picked = position;
        else if (picked === position) picked = null;
        else {
          move(picked, position);
          picked = null;
        }
        draw();
        const again = list.querySelectorAll(".order-pick")[position];
        if (again instanceof HTMLElement) again.focus();
      });
      row.append(pick, arrow("up", item.text, position), arrow("down", item.text, position));
      list.append(row);
    });
  };
  draw();
  const submit = submitButton(t("kinds.submit"), () =>
    submitAnswer({ order: items.map((item) => item.index) }),
  );
  container.append(list, submit);
}

/**
 * The renderer for a question, or undefined for a kind this page does not know.
 * @param {Question} q
 * @returns {Renderer | undefined}
 */
export function rendererFor(q) {
  /** @type {Record<string, Renderer>} */
  const renderers = {
    choice: q.multiple ? renderMultiple : renderChoice,
    true_false: renderTrueFalse,
    poll: renderChoice,
    type_answer: renderTypeAnswer,
    slider: renderSlider,
    order: renderOrder,
  };
  return renderers[q.kind];
}

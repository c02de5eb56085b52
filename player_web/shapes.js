// @ts-check
// Every answer's colour and shape, from the server's one table (quizhost/answer_styles.py,
// served as /answer-styles.js), so a phone and the teacher's console always agree. Shapes as
// well as colours, so colour-blind players can tell the answers apart.

import { ANSWER_STYLES, TRUE_FALSE } from "./answer-styles.js";

/** @typedef {import("./answer-styles.js").AnswerStyle} AnswerStyle */

const SVG = "http://www.w3.org/2000/svg";

/**
 * The style of the answer at `position` (as shown) of a question of `kind`.
 * @param {string} kind
 * @param {number} position
 * @returns {AnswerStyle}
 */
export function styleOf(kind, position) {
  const index = kind === "true_false" ? (TRUE_FALSE[position] ?? position) : position;
  return ANSWER_STYLES[index % ANSWER_STYLES.length];
}

/**
 * Give `node` the colours of `style` (through CSS custom properties, which the CSP allows).
 * @param {HTMLElement} node
 * @param {AnswerStyle} style
 */
export function paint(node, style) {
  node.classList.add(style.name);
  node.dataset.shape = style.shape;
  node.style.setProperty("--answer", style.colour);
  node.style.setProperty("--answer-ink", style.ink);
}

/**
 * The shape of an answer as an inline SVG icon (hidden from screen readers).
 * @param {AnswerStyle} style
 */
export function shapeIcon(style) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", "shape");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", style.path);
  svg.append(path);
  return svg;
}

// @ts-check
// Small DOM helpers shared by every screen. Text from the server goes in as textContent only.

import { number, ordinal as ordinalIn, t } from "./i18n.js";

/**
 * The element with this id; the page's own ids always exist, so a miss is a bug worth a throw.
 * @param {string} id
 * @returns {HTMLElement}
 */
export function $(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error("no #" + id);
  return node;
}

/**
 * The element with this id as a given type (an input, a button).
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} type
 * @returns {T}
 */
export function $as(id, type) {
  const node = $(id);
  if (!(node instanceof type)) throw new Error("#" + id + " is not a " + type.name);
  return node;
}

/**
 * A new element with a class and text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string | number | null} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/**
 * Say `text` to screen readers through the polite live region.
 * @param {string} text
 */
export function announce(text) {
  $("announce").textContent = text;
}

/**
 * Sentences joined for an announcement: a full stop only after a part that has no end mark
 * of its own ("Correct! You are 1st", never "Correct!. You are 1st"); empty parts dropped.
 * @param {...string} parts
 */
export function sentences(...parts) {
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part, i, all) => (i < all.length - 1 && !/[.!?…:؟]$/.test(part) ? part + "." : part))
    .join(" ");
}

/**
 * A place in the player's language: 1st, 2nd / 1., 2. / 1er, 2e…
 * @param {number} n
 */
export function ordinal(n) {
  return ordinalIn(n);
}

/**
 * A score with the language's digits and thousands separators (Intl.NumberFormat).
 * @param {number | undefined} n
 */
export function points(n) {
  return number(Number(n || 0));
}

/**
 * A negative score as the catalog writes it ("−250": a true minus sign, a hyphen reads as a
 * dash); `shown` is the number already formatted, without its sign.
 * @param {string} shown
 */
export function minus(shown) {
  return t("score.minus", { points: shown });
}

/**
 * Mark a node holding text from the bank (or a nickname): its own direction (`dir="auto"`,
 * so "מה בירת צרפת?" ends on the left) and, when the bank names one, its language for
 * screen readers and hyphenation.
 * @param {HTMLElement} node
 * @param {{language?: string | null} | null} [from]
 */
export function bankText(node, from) {
  node.dir = "auto";
  if (from && typeof from.language === "string" && from.language) node.lang = from.language;
  else node.removeAttribute("lang");
  return node;
}

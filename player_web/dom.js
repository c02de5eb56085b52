// @ts-check
// Small DOM helpers shared by every screen. Text from the server goes in as textContent only.

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
    .map((part, i, all) => (i < all.length - 1 && !/[.!?…:]$/.test(part) ? part + "." : part))
    .join(" ");
}

/**
 * 1st, 2nd, 3rd, 4th, 11th, 21st…
 * @param {number} n
 */
export function ordinal(n) {
  const tens = n % 100;
  /** @type {Record<number, string>} */
  const suffixes = { 1: "st", 2: "nd", 3: "rd" };
  const suffix = tens >= 11 && tens <= 13 ? "th" : suffixes[n % 10] || "th";
  return n + suffix;
}

/**
 * A score with thousands separators.
 * @param {number | undefined} n
 */
export function points(n) {
  return Number(n || 0).toLocaleString("en");
}

// @ts-check
// Formulas: `..._math` trees (docs/protocol.md) built with createElementNS through the
// allow-list of quizhost/protocol/mathml.py, checked again here.

const NS = "http://www.w3.org/1998/Math/MathML";
const words = (/** @type {string} */ s) => new Set(s.split(" "));
const TAGS = words(
  "math mrow mi mn mo ms mtext mspace msup msub msubsup mover munder munderover mfrac msqrt " +
    "mroot mtable mtr mtd mstyle mpadded mphantom menclose merror",
);
const TOKENS = words("mi mn mo ms mtext");
const ATTRIBUTES = words(
  "displaystyle scriptlevel mathvariant mathsize accent accentunder stretchy fence separator " +
    "form largeop movablelimits symmetric lspace rspace minsize maxsize width height depth " +
    "voffset linethickness columnalign rowalign columnspacing rowspacing columnlines rowlines " +
    "notation",
);
const PLAIN = /^[A-Za-z0-9 .%+-]{0,40}$/;

/**
 * An element, or null if anything in it breaks the contract.
 * @param {any} node
 * @param {{left: number}} budget
 * @param {boolean} root
 * @returns {Element | null}
 */
function build(node, budget, root) {
  if (--budget.left < 0 || !node || !TAGS.has(node.t) || root !== (node.t === "math")) return null;
  const element = document.createElementNS(NS, node.t);
  for (const [name, value] of Object.entries(node.a || {})) {
    if (typeof value !== "string") continue;
    if (ATTRIBUTES.has(name) ? PLAIN.test(value) : root && name === "alttext" && value.length <= 300) {
      element.setAttribute(name, value);
    }
  }
  for (const child of Array.isArray(node.c) ? node.c : []) {
    const built = typeof child === "string" ? TOKENS.has(node.t) && document.createTextNode(child) : build(child, budget, false);
    if (!built) return null;
    element.append(built);
  }
  return element;
}

/**
 * Fill `node` with a text's parts and formulas, or else with `fallback` as text.
 * @template {Element} T
 * @param {T} node
 * @param {unknown} segments
 * @param {string} fallback
 */
export function showMath(node, segments, fallback) {
  const budget = { left: 2000 };
  const parts = Array.isArray(segments)
    ? segments.map((s) => (typeof s === "string" ? document.createTextNode(s) : build(s, budget, true)))
    : [null];
  if (parts.every(Boolean)) node.replaceChildren(.../** @type {Node[]} */ (parts));
  else node.textContent = fallback;
  return node;
}

/**
 * The text with each formula as its Unicode `alttext`, for labels.
 * @param {unknown} segments
 * @param {string} fallback
 */
export function spokenText(segments, fallback) {
  if (!Array.isArray(segments)) return fallback;
  return segments.map((s) => (typeof s === "string" ? s : String(s?.a?.alttext || ""))).join("");
}

/**
 * The `index`th entry of `choices_math` or `items_math`, or null.
 * @param {unknown} list
 * @param {number} index
 */
export function mathAt(list, index) {
  return Array.isArray(list) ? list[index] ?? null : null;
}

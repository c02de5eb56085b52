// @ts-check
// The page's own words in the player's language: one JSON catalog per language (i18n/*.json,
// listed in languages.js), chosen from the picker's remembered choice, else the browser's
// languages, else English. Text from a bank or a nickname is never translated here.

import { DEFAULT_LANGUAGE, LANGUAGES } from "./languages.js";

/** @typedef {import("./languages.js").Language} Language */

const STORAGE_KEY = "quizhost:language";

/** @type {Record<string, string>} */
let catalog = {};
/** @type {Language} */
let current = LANGUAGES.find((l) => l.code === DEFAULT_LANGUAGE) || LANGUAGES[0];
let numbers = new Intl.NumberFormat(current.code);
let ordinals = new Intl.PluralRules(current.code, { type: "ordinal" });
let plurals = new Intl.PluralRules(current.code);

/** The language in use. */
export function language() {
  return current;
}

/**
 * The code of a listed language for a BCP 47 tag ("pt-BR" -> "pt"), or "".
 * @param {string | null | undefined} tag
 */
function listed(tag) {
  const primary = String(tag || "").toLowerCase().split("-")[0];
  return LANGUAGES.some((l) => l.code === primary) ? primary : "";
}

/** The remembered choice, else the first of the browser's languages we have, else English. */
export function preferredLanguage() {
  let saved = "";
  try {
    saved = listed(localStorage.getItem(STORAGE_KEY));
  } catch {
    // storage refused (private mode): the browser's languages decide
  }
  if (saved) return saved;
  for (const tag of navigator.languages || [navigator.language]) {
    const code = listed(tag);
    if (code) return code;
  }
  return DEFAULT_LANGUAGE;
}

/** @param {string} code */
export function rememberLanguage(code) {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // not remembered; the choice still holds for this page
  }
}

/**
 * Load a language's catalog and use it (English if it cannot be loaded); sets `lang` and
 * `dir` on the page and translates every `data-i18n` element.
 * @param {string} code
 */
export async function useLanguage(code) {
  const wanted = LANGUAGES.find((l) => l.code === code) || current;
  for (const candidate of [wanted, LANGUAGES.find((l) => l.code === DEFAULT_LANGUAGE)]) {
    if (!candidate) continue;
    try {
      const response = await fetch(candidate.catalog);
      if (!response.ok) continue;
      catalog = await response.json();
      current = candidate;
      break;
    } catch {
      // try English next
    }
  }
  numbers = new Intl.NumberFormat(current.code);
  ordinals = new Intl.PluralRules(current.code, { type: "ordinal" });
  plurals = new Intl.PluralRules(current.code);
  document.documentElement.lang = current.code;
  document.documentElement.dir = current.dir;
  translatePage();
}

/** Put the catalog's words into every element marked `data-i18n` (and its attributes). */
export function translatePage() {
  for (const node of document.querySelectorAll("[data-i18n]")) {
    if (node instanceof HTMLElement && node.dataset.i18n) node.textContent = t(node.dataset.i18n);
  }
  for (const node of document.querySelectorAll("[data-i18n-label]")) {
    if (node instanceof HTMLElement && node.dataset.i18nLabel) {
      node.setAttribute("aria-label", t(node.dataset.i18nLabel));
    }
  }
}

/**
 * The catalog's text for `key`, with `{name}` placeholders filled in.
 * @param {string} key
 * @param {Record<string, string | number>} [values]
 */
export function t(key, values = {}) {
  const text = Object.prototype.hasOwnProperty.call(catalog, key) ? catalog[key] : key;
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
  );
}

/**
 * `key.one`, `key.other`... by the language's plural rules for `n` (`other` if missing).
 * @param {string} key
 * @param {number} n
 */
export function plural(key, n) {
  const exact = key + "." + plurals.select(n);
  return t(Object.prototype.hasOwnProperty.call(catalog, exact) ? exact : key + ".other", {
    n: number(n),
  });
}

/** @param {number} n */
export function number(n) {
  return numbers.format(Number(n || 0));
}

/**
 * 1st, 2nd... / 1., 2. / 1er, 2e: `ordinal.*` keys by the language's ordinal rules.
 * @param {number} n
 */
export function ordinal(n) {
  const exact = "ordinal." + ordinals.select(n);
  const key = Object.prototype.hasOwnProperty.call(catalog, exact) ? exact : "ordinal.other";
  return t(key, { n: number(n) });
}

/**
 * A number as the slider shows it: `places` decimals, the language's digits, no grouping
 * (a year is 1969, not 1,969).
 * @param {number} n
 * @param {number} places
 */
export function decimal(n, places) {
  return new Intl.NumberFormat(current.code, {
    minimumFractionDigits: places,
    maximumFractionDigits: places,
    useGrouping: false,
  }).format(n);
}

/**
 * A choice as shown: true/false questions get the page's own words for True and False (the
 * server sends English), every other choice is the bank's text.
 * @param {string} kind
 * @param {number} position
 * @param {string} text
 */
export function choiceText(kind, position, text) {
  if (kind !== "true_false") return text;
  return t(position === 0 ? "answer.true" : "answer.false");
}

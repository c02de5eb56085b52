// @ts-check
// What the page keeps across reloads: the reconnect token, per game PIN (localStorage).
// Storage can be disabled (private mode): the player can still play, only a reload forgets.

/** @param {string} pin */
function tokenKey(pin) {
  return "quizhost:" + pin;
}

/**
 * @param {string} pin
 * @returns {string | null}
 */
export function loadToken(pin) {
  try {
    return pin ? localStorage.getItem(tokenKey(pin)) : null;
  } catch {
    return null;
  }
}

/**
 * @param {string} pin
 * @param {string} token
 */
export function saveToken(pin, token) {
  try {
    localStorage.setItem(tokenKey(pin), token);
  } catch {
    /* not stored: a reload will need a new join */
  }
}

// What this tab keeps about the current question, in sessionStorage (this tab only): the
// ticks of a multiple choice not yet submitted, until the question closes, and the answer
// sent, until the next question, so the reveal can say what the player chose after a reload.

/**
 * @param {string} pin
 * @param {string} what
 * @param {number} question
 * @param {unknown} value
 */
function keep(pin, what, question, value) {
  try {
    sessionStorage.setItem("quizhost:" + pin + ":" + what, JSON.stringify({ question, value }));
  } catch {
    /* not kept: a reload starts afresh */
  }
}

/**
 * @param {string} pin
 * @param {string} what
 * @param {number} question
 * @returns {unknown} what was kept for `question`, or undefined
 */
function kept(pin, what, question) {
  try {
    const item = JSON.parse(sessionStorage.getItem("quizhost:" + pin + ":" + what) || "null");
    if (item && item.question === question) return item.value;
  } catch {
    /* nothing usable kept */
  }
  return undefined;
}

/**
 * @param {string} pin
 * @param {string} what
 */
function forget(pin, what) {
  try {
    sessionStorage.removeItem("quizhost:" + pin + ":" + what);
  } catch {
    /* nothing kept */
  }
}

/**
 * Remember the choices ticked on question `question`, not yet submitted.
 * @param {string} pin
 * @param {number} question
 * @param {number[]} choices
 */
export function saveSelection(pin, question, choices) {
  keep(pin, "selection", question, choices);
}

/**
 * The choices ticked on question `question` before a reload, if any.
 * @param {string} pin
 * @param {number} question
 * @returns {number[]}
 */
export function loadSelection(pin, question) {
  const choices = kept(pin, "selection", question);
  return Array.isArray(choices) ? choices.filter(Number.isInteger) : [];
}

/**
 * The question closed: its selection means nothing any more.
 * @param {string} pin
 */
export function dropSelection(pin) {
  forget(pin, "selection");
}

/** @typedef {import("./frames.js").AnswerFields} AnswerFields */

/**
 * Remember the answer sent to question `question`, for its reveal.
 * @param {string} pin
 * @param {number} question
 * @param {AnswerFields} fields
 */
export function saveAnswer(pin, question, fields) {
  keep(pin, "answer", question, fields);
}

/**
 * The answer this tab sent to question `question`, if it knows.
 * @param {string} pin
 * @param {number} question
 * @returns {Partial<Record<string, unknown>> | null}
 */
export function loadAnswer(pin, question) {
  const fields = kept(pin, "answer", question);
  return fields && typeof fields === "object" ? /** @type {Record<string, unknown>} */ (fields) : null;
}

/** @param {string} pin */
export function dropAnswer(pin) {
  forget(pin, "answer");
}

/** @param {string} pin */
export function dropToken(pin) {
  try {
    localStorage.removeItem(tokenKey(pin));
  } catch {
    /* nothing stored */
  }
}

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

// The device id: random, for ONE game (by PIN), sent with join and resume so that a kick holds
// this browser off it. Deleted at the game's end, when another game welcomes us, and after 12 h
// (docs/player-page.md). Stored as "<made at ms> <id>"; in memory when storage is off.

const DEVICE = "quizhost:device:";
export const DEVICE_MAX_AGE_MS = 12 * 3600 * 1000;
/** @type {Record<string, string>} */
const unstored = {};

/**
 * @param {string} pin
 * @returns {string | null}
 */
export function loadDevice(pin) {
  try {
    const id = (localStorage.getItem(DEVICE + pin) || "").split(" ")[1];
    if (id) return id;
  } catch {}
  return unstored[pin] || null;
}

/** @param {string} pin  made on first use (a join): 16 random bytes in hex */
export function deviceFor(pin) {
  let id = loadDevice(pin);
  if (!id) {
    const bytes = new Uint8Array(16);
    if (window.crypto) crypto.getRandomValues(bytes);
    else bytes.forEach((_, i) => (bytes[i] = Math.random() * 256));
    id = Array.from(bytes, (b) => (b + 256).toString(16).slice(1)).join("");
    try {
      localStorage.setItem(DEVICE + pin, Date.now() + " " + id);
    } catch {
      unstored[pin] = id;
    }
  }
  return id;
}

/**
 * Delete the ids for which `stale(pin, madeAtMs)` holds.
 * @param {(pin: string, at: number) => boolean} stale
 */
export function dropDevices(stale) {
  for (const pin in unstored) if (stale(pin, Date.now())) delete unstored[pin];
  try {
    for (const key of Object.keys(localStorage)) {
      const at = parseInt(localStorage.getItem(key) || "") || 0;
      if (key.startsWith(DEVICE) && stale(key.slice(DEVICE.length), at)) localStorage.removeItem(key);
    }
  } catch {}
}

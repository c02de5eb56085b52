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

/**
 * Remember the choices ticked on question `question` (not yet submitted) for this tab only.
 * @param {string} pin
 * @param {number} question
 * @param {number[]} choices
 */
export function saveSelection(pin, question, choices) {
  try {
    sessionStorage.setItem(selectionKey(pin), JSON.stringify({ question, choices }));
  } catch {
    /* not kept: a reload starts from nothing ticked */
  }
}

/**
 * The choices ticked on question `question` before a reload, if any.
 * @param {string} pin
 * @param {number} question
 * @returns {number[]}
 */
export function loadSelection(pin, question) {
  try {
    const kept = JSON.parse(sessionStorage.getItem(selectionKey(pin)) || "null");
    if (kept && kept.question === question && Array.isArray(kept.choices)) {
      return kept.choices.filter(Number.isInteger);
    }
  } catch {
    /* nothing usable kept */
  }
  return [];
}

/**
 * The question closed: its selection means nothing any more.
 * @param {string} pin
 */
export function dropSelection(pin) {
  try {
    sessionStorage.removeItem(selectionKey(pin));
  } catch {
    /* nothing kept */
  }
}

/** @param {string} pin */
function selectionKey(pin) {
  return "quizhost:" + pin + ":selection";
}

/** @param {string} pin */
export function dropToken(pin) {
  try {
    localStorage.removeItem(tokenKey(pin));
  } catch {
    /* nothing stored */
  }
}

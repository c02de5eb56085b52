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

/** @param {string} pin */
export function dropToken(pin) {
  try {
    localStorage.removeItem(tokenKey(pin));
  } catch {
    /* nothing stored */
  }
}

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

// The device id: a random id this browser keeps for ONE game (keyed by its PIN), sent with
// `join` and `resume` so that a kick holds this browser off that game whatever nickname it
// types next. It never follows the player into another game: it is deleted when the game
// ends (podium or ended), when this browser is welcomed into another game, and on load once
// it is older than a school day. A cleared browser or a private window starts without one.

const DEVICE_PREFIX = "quizhost:device:";
/** Older than this, an id is of a game long over (a token lives as long, 12 h). */
export const DEVICE_MAX_AGE_MS = 12 * 60 * 60 * 1000;

/** Ids made while localStorage refuses to keep them: one per PIN for this page's life. */
/** @type {Map<string, string>} */
const unstoredDevices = new Map();

/** 128 random bits in hex: crypto where there is one (any context), else Math.random. */
function newDeviceId() {
  const bytes = new Uint8Array(16);
  const cryptoApi = globalThis.crypto;
  if (cryptoApi && typeof cryptoApi.getRandomValues === "function") {
    cryptoApi.getRandomValues(bytes);
  } else if (cryptoApi && typeof cryptoApi.randomUUID === "function") {
    return cryptoApi.randomUUID();
  } else {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The stored id of `pin`'s game, if any.
 * @param {string} pin
 * @returns {string | null}
 */
export function loadDevice(pin) {
  if (!pin) return null;
  try {
    const item = JSON.parse(localStorage.getItem(DEVICE_PREFIX + pin) || "null");
    if (item && typeof item.id === "string") return item.id;
  } catch {
    /* storage off or damaged: see below */
  }
  return unstoredDevices.get(pin) || null;
}

/**
 * The id of `pin`'s game, made and stored on first use (a join).
 * @param {string} pin
 * @returns {string}
 */
export function deviceFor(pin) {
  const known = loadDevice(pin);
  if (known) return known;
  const id = newDeviceId();
  try {
    localStorage.setItem(DEVICE_PREFIX + pin, JSON.stringify({ id, at: Date.now() }));
  } catch {
    unstoredDevices.set(pin, id); /* private mode: kept until the page closes */
  }
  return id;
}

/**
 * Delete the stored ids for which `stale(pin, storedAtMs)` holds.
 * @param {(pin: string, at: number) => boolean} stale
 */
function dropDevicesWhere(stale) {
  try {
    const keys = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key && key.startsWith(DEVICE_PREFIX)) keys.push(key);
    }
    for (const key of keys) {
      let at = 0;
      try {
        at = Number(JSON.parse(localStorage.getItem(key) || "null").at) || 0;
      } catch {
        /* damaged: at 0, so stale */
      }
      if (stale(key.slice(DEVICE_PREFIX.length), at)) localStorage.removeItem(key);
    }
  } catch {
    /* nothing stored */
  }
}

/**
 * The game of `pin` is over: forget its id (a kick keeps it: that is its point).
 * @param {string} pin
 */
export function dropDevice(pin) {
  unstoredDevices.delete(pin);
  dropDevicesWhere((other) => other === pin);
}

/**
 * This browser was welcomed into `pin`'s game: the ids of any other game are stale.
 * @param {string} pin
 */
export function dropOtherDevices(pin) {
  for (const other of [...unstoredDevices.keys()]) if (other !== pin) unstoredDevices.delete(other);
  dropDevicesWhere((other) => other !== pin);
}

/** On load: forget ids older than a school day, whichever game they were for. */
export function dropOldDevices() {
  const now = Date.now();
  dropDevicesWhere((_, at) => !(at > 0 && now - at < DEVICE_MAX_AGE_MS));
}

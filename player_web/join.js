// @ts-check
// The join form: PIN and nickname, and every reason a join can fail, in plain words.

import { connect, hasSocket, send } from "./connection.js";
import { $, $as } from "./dom.js";
import { currentScreen, showScreen } from "./screens.js";
import { app } from "./state.js";
import { dropToken, loadToken } from "./storage.js";

/** @type {Record<string, [string, string]>} error code -> [field, message] */
export const JOIN_ERRORS = {
  bad_pin: ["pin", "That PIN does not match a game. Check the PIN on the big screen."],
  name_invalid: ["name", "Choose a nickname of 1 to 20 letters or numbers."],
  name_taken: ["name", "Someone already has that nickname. Try another one."],
  game_locked: ["form", "The game is locked. Ask your teacher to let you in."],
  game_full: ["form", "The game is full. Ask your teacher."],
  rate_limited: ["form", "Too many tries. Wait a minute, then try again."],
  bad_state: ["form", "You are already in the game. Reload the page."],
};

/** @param {string} [message] */
export function showJoin(message) {
  $as("pin", HTMLInputElement).value = app.pin;
  $("join-message").textContent = message || "";
  resetJoinButton();
  showScreen("join");
  if (app.pin) $("name").focus();
}

function resetJoinButton() {
  const button = $as("join-button", HTMLButtonElement);
  button.disabled = false;
  button.textContent = "Join";
}

/**
 * @param {string} field  pin | name | form
 * @param {string} message
 */
export function joinFailed(field, message) {
  resetJoinButton();
  if (currentScreen() !== "join") showJoin();
  showFieldError(field, message);
}

/**
 * @param {string} field
 * @param {string} message
 */
function showFieldError(field, message) {
  for (const name of ["pin", "name"]) {
    const text = name === field ? message : "";
    $(name + "-error").textContent = text;
    $(name).setAttribute("aria-invalid", text ? "true" : "false");
  }
  if (field === "form") $("join-message").textContent = message;
  else if (field === "pin" || field === "name") $(field).focus();
}

/** @param {SubmitEvent} event */
export function submitJoin(event) {
  event.preventDefault();
  const pin = $as("pin", HTMLInputElement).value.replace(/\s+/g, "");
  const name = $as("name", HTMLInputElement).value.trim();
  $("join-message").textContent = "";
  if (!/^\d{4,9}$/.test(pin)) return showFieldError("pin", "Type the game PIN from the big screen.");
  if (!name) return showFieldError("name", "Type a nickname.");
  showFieldError("none", "");
  app.pin = pin;
  app.token = loadToken(pin);
  const team = $as("team", HTMLSelectElement).value;
  app.pendingJoin = team ? { pin, name, team } : { pin, name };
  const button = $as("join-button", HTMLButtonElement);
  button.disabled = true;
  button.textContent = "Joining…";
  if (app.token && !hasSocket()) {
    // This phone already has a place in that game: take it back rather than joining twice.
    showScreen("connecting");
    return connect();
  }
  if (!send({ type: "join", ...app.pendingJoin })) connect();
}

/** A team game where players pick: offer the teams (a failed fetch leaves it to the server). */
export async function loadTeams() {
  try {
    const info = await (await fetch("/game.json")).json();
    if (!info.pick) return;
    const select = $as("team", HTMLSelectElement);
    for (const name of info.teams) select.append(new Option(String(name), String(name)));
    select.hidden = $("team-label").hidden = false;
  } catch {}
}

/** The server refused our token (a new game, or kicked): forget it and join again. */
export function tokenLost() {
  app.token = null;
  dropToken(app.pin);
  if (app.pendingJoin && app.pendingJoin.pin === app.pin) {
    // The player had just typed a nickname: join with it on this same connection.
    send({ type: "join", ...app.pendingJoin });
    return;
  }
  showJoin("Your place in the game was lost, join again.");
}

// @ts-check
// The join form: PIN and nickname, and every reason a join can fail, in plain words.

import { connect, hasSocket, send } from "./connection.js";
import { $, $as } from "./dom.js";
import { currentScreen, showScreen } from "./screens.js";
import { app } from "./state.js";
import { deviceFor, dropToken, loadToken } from "./storage.js";
import { language, rememberLanguage, t, useLanguage } from "./i18n.js";
import { LANGUAGES } from "./languages.js";

/** @type {Record<string, string>} error code -> the field it is shown at (message: join.error.CODE) */
export const JOIN_ERRORS = {
  bad_pin: "pin",
  name_invalid: "name",
  name_taken: "name",
  game_locked: "form",
  game_full: "form",
  rate_limited: "form",
  bad_state: "form",
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
  button.textContent = t("join.button");
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
  if (!/^\d{4,9}$/.test(pin)) return showFieldError("pin", t("join.typePin"));
  if (!name) return showFieldError("name", t("join.typeName"));
  showFieldError("none", "");
  app.pin = pin;
  app.token = loadToken(pin);
  const team = $as("team", HTMLSelectElement).value;
  const device = deviceFor(pin); // so that a kick holds this browser off the game
  app.pendingJoin = team ? { pin, name, team, device } : { pin, name, device };
  const button = $as("join-button", HTMLButtonElement);
  button.disabled = true;
  button.textContent = t("join.joining");
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
  showJoin(t("join.lost"));
}

/**
 * The language picker on the join screen: every language in its own name; a choice is
 * remembered and applied at once. `changed` runs after the page has its new words.
 * @param {() => void} changed
 */
export function languagePicker(changed) {
  const select = $as("language", HTMLSelectElement);
  select.replaceChildren(
    ...LANGUAGES.map((l) => {
      const option = new Option(l.name, l.code, false, l.code === language().code);
      option.lang = l.code;
      option.dir = l.dir;
      return option;
    }),
  );
  select.addEventListener("change", async () => {
    rememberLanguage(select.value);
    await useLanguage(select.value);
    resetJoinButton();
    changed();
  });
}

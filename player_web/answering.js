// @ts-check
// Sending the player's answer and showing where it is: open, sending, sent or late.

import { send } from "./connection.js";
import { $ } from "./dom.js";
import { app } from "./state.js";
import { saveAnswer } from "./storage.js";
import { t } from "./i18n.js";

/** @typedef {import("./frames.js").AnswerFields} AnswerFields */
/** @typedef {import("./state.js").AnswerStatus} AnswerStatus */

/**
 * Send an answer to the open question. If the socket is down the answer waits: it is sent
 * again when the question comes back after the reconnect.
 * @param {AnswerFields} fields
 */
export function submitAnswer(fields) {
  if (app.status !== "open" || !app.question) return;
  app.pendingAnswer = { type: "answer", question: app.question.index, ...fields };
  saveAnswer(app.pin, app.question.index, fields);
  setStatus("sending", t("answer.sending"));
  send(app.pendingAnswer);
}

/** The server stored the answer (or already had it). */
export function answerSent() {
  app.pendingAnswer = null;
  setStatus("sent", t("answer.sent"));
}

/**
 * Show the answer's status and lock the controls once it is no longer open.
 * @param {AnswerStatus} status
 * @param {string} message
 */
export function setStatus(status, message) {
  app.status = status;
  $("answer-status").textContent = message;
  $("screen-question").dataset.status = status;
  const locked = status !== "open";
  const hadFocus = $("answers").contains(document.activeElement);
  for (const control of $("answers").querySelectorAll("button, input")) {
    if (!(control instanceof HTMLButtonElement || control instanceof HTMLInputElement)) continue;
    control.disabled = locked || control.dataset.edge === "true";
  }
  if (!locked) updateSubmitStates();
  // A disabled control drops the focus to <body>: keep it where the news is.
  if (locked && hadFocus) $("answer-status").focus({ preventScroll: true });
}

/** A Submit that needs a choice is enabled only while something is chosen. */
export function updateSubmitStates() {
  const submit = $("answers").querySelector("[data-needs-choice]");
  if (submit instanceof HTMLButtonElement) {
    submit.disabled = !$("answers").querySelector('[aria-pressed="true"]');
  }
}

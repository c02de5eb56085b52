// @ts-check
// The page's state of the game, shared by the screens. Only frames change it.

/** @typedef {import("./frames.js").Question} Question */
/** @typedef {import("./frames.js").AnswerFrame} AnswerFrame */
/** @typedef {import("./frames.js").PodiumFrame} PodiumFrame */
/** @typedef {"none" | "open" | "sending" | "sent" | "late"} AnswerStatus */

export const app = {
  pin: "",
  name: "",
  team: "",
  /** @type {string | null} */
  token: null,
  /** @type {{pin: string, name: string, team?: string, device?: string} | null} a join waiting to be sent */
  pendingJoin: null,
  /** @type {Question | null} the latest question frame */
  question: null,
  /** @type {AnswerStatus} */
  status: "none",
  /** @type {AnswerFrame | null} an answer sent (or waiting to be) and not yet acknowledged */
  pendingAnswer: null,
  /** @type {PodiumFrame | null} */
  podium: null,
  /** a self-paced assignment: the player asks for each next question */
  selfPaced: false,
  /** the question whose result is on screen (-1: none yet), what "next" moves on from */
  revealed: -1,
};

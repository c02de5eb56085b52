// @ts-check
// The frames of protocol v1 (docs/protocol.md) as the page sends and reads them. Types only:
// the page trusts no field, so readers still coerce with String()/Number() where it matters.

/**
 * @typedef {object} You  A player's own result, in `reveal`, `leaderboard` and `podium`.
 * @property {boolean} [answered]
 * @property {boolean} [correct]
 * @property {number} [points]
 * @property {number} [score]
 * @property {number} [rank]
 * @property {number} [streak]
 * @property {number} [right]  self-paced podium: questions right
 * @property {number} [total]  self-paced podium: questions in the assignment
 */

/**
 * @typedef {object} RankEntry
 * @property {string} name
 * @property {number} score
 * @property {number} rank
 */

/**
 * @typedef {object} Question  The fields of a `question` frame (repeated in `reveal.question`).
 * @property {number} index
 * @property {number} total
 * @property {string} kind  choice | true_false | type_answer | slider | order | poll
 * @property {string} text
 * @property {string[]} [choices]
 * @property {boolean} [multiple]
 * @property {string[]} [items]
 * @property {number} [min]
 * @property {number} [max]
 * @property {number} [step]
 * @property {number} time_limit_ms
 * @property {number} [remaining_ms]
 * @property {string} [points]  standard | double | none
 * @property {string} [scoring]  accuracy, when a correct answer scores the same at any time
 * @property {number} [wrong]  negative marking: what a wrong answer gives (below 0)
 * @property {string | null} [image]
 * @property {string | null} [image_alt]
 * @property {string | null} [language]  The bank's language (BCP 47), for `lang` on its text.
 * @property {unknown} [text_math]  formulas of a `math: true` bank (mathml.js draws them)
 * @property {unknown[]} [choices_math]
 * @property {unknown[]} [items_math]
 */

/** @typedef {number | number[] | string | null} Correct  The shape of an answer, null for a poll. */

/** @typedef {{type: "welcome", player_id: string, name: string, token: string, state: string, team?: string, self_paced?: boolean}} WelcomeFrame */
/** @typedef {{type: "lobby", players: number}} LobbyFrame */
/** @typedef {{type: "question"} & Question} QuestionFrame */
/**
 * @typedef {object} RoundFrame  A round's title screen.
 * @property {"round"} type
 * @property {number} index
 * @property {number} total
 * @property {string} title
 * @property {number} questions
 */
/**
 * @typedef {object} GetReadyFrame  The question intro: answers open in `read_ms`.
 * @property {"get_ready"} type
 * @property {number} index
 * @property {number} total
 * @property {string} text
 * @property {unknown} [text_math]
 * @property {number} read_ms
 */
/** @typedef {{type: "paused"}} PausedFrame */
/** @typedef {{type: "resumed", remaining_ms: number}} ResumedFrame */
/** @typedef {{type: "time_added", remaining_ms: number}} TimeAddedFrame */
/** @typedef {{type: "answer_ack", question: number}} AnswerAckFrame */
/**
 * @typedef {object} RevealFrame
 * @property {"reveal"} type
 * @property {number} index
 * @property {Correct} correct
 * @property {number[] | null} [counts]
 * @property {string | null} [explanation]
 * @property {unknown} [explanation_math]
 * @property {Question} [question]
 * @property {You} [you]
 * @property {number | null} [next_ms]  self-paced: the next question comes by itself in this
 * @property {boolean} [last]  self-paced: no question follows
 * @property {TeamRow[]} [teams]
 */
/** @typedef {{type: "leaderboard", top: RankEntry[], you?: You, teams?: TeamRow[]}} LeaderboardFrame */
/** @typedef {{type: "podium", top: RankEntry[], you?: You, teams?: TeamRow[]}} PodiumFrame */
/** @typedef {{type: "ended"}} EndedFrame */
/** @typedef {{type: "kicked"}} KickedFrame */
/** @typedef {{type: "pong"}} PongFrame  The heartbeat's answer; connection.js keeps it. */
/** @typedef {{type: "error", code: string, message?: string}} ErrorFrame */

/**
 * @typedef {WelcomeFrame | LobbyFrame | RoundFrame | GetReadyFrame | QuestionFrame | PausedFrame | ResumedFrame
 *   | TimeAddedFrame | AnswerAckFrame | RevealFrame | LeaderboardFrame | PodiumFrame
 *   | EndedFrame | KickedFrame | ErrorFrame | PongFrame} ServerFrame
 */

/**
 * One handler per server frame type; unknown types are ignored (protocol v1's extension rule).
 * @typedef {{[K in ServerFrame["type"]]: (frame: Extract<ServerFrame, {type: K}>) => void}} Handlers
 */

/**
 * @typedef {{choice: number} | {choices: number[]} | {text: string} | {value: number}
 *   | {order: number[]}} AnswerFields  Exactly one field, by question kind.
 */
/** @typedef {{type: "join", pin: string, name: string, team?: string, device?: string}} JoinFrame */
/** @typedef {{name: string, score: number, rank: number}} TeamRow  A team game's standing. */
/** @typedef {{type: "resume", token: string, device?: string}} ResumeFrame */
/** @typedef {{type: "answer", question: number} & AnswerFields} AnswerFrame */
/** @typedef {{type: "next", after: number}} NextFrame  self-paced: move on from a result */
/** @typedef {{type: "ping"}} PingFrame */
/** @typedef {JoinFrame | ResumeFrame | AnswerFrame | NextFrame | PingFrame} ClientFrame */

/**
 * The frame in `data`, or null when it is not a JSON object with a string `type`.
 * @param {string} data
 * @returns {ServerFrame | null}
 */
export function parseFrame(data) {
  let frame;
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }
  if (!frame || typeof frame !== "object" || typeof frame.type !== "string") return null;
  return frame;
}

// @ts-check
// The big screen's sounds, made in the browser with the Web Audio API: no audio file is ever
// fetched. Browsers keep audio off until someone clicks the page, so `start()` runs from a
// click; until then the page shows a "click for sound" button. Muting is remembered in
// localStorage, between games.

const MUTE_KEY = "quizhost.screen.muted";

/** @type {AudioContext | null} */
let context = null;
let muted = readMuted();
/** @type {number | undefined} */
let musicTimer;

function readMuted() {
  try {
    return localStorage.getItem(MUTE_KEY) === "1";
  } catch {
    return false;
  }
}

/** Whether sound can play now (a click allowed it). */
export function allowed() {
  return context !== null && context.state === "running";
}

export function isMuted() {
  return muted;
}

/** @param {boolean} value */
export function setMuted(value) {
  muted = value;
  try {
    localStorage.setItem(MUTE_KEY, value ? "1" : "0");
  } catch {
    // private mode: remembered for this page only
  }
  if (value) stopMusic();
}

/** Create or wake the audio context; call from a click. */
export async function start() {
  if (context === null) {
    const Ctor = window.AudioContext;
    if (!Ctor) return false;
    context = new Ctor();
  }
  if (context.state !== "running") {
    try {
      await context.resume();
    } catch {
      return false;
    }
  }
  return allowed();
}

/**
 * One note: an oscillator with a short envelope.
 * @param {number} frequency Hz
 * @param {number} at seconds from now
 * @param {number} length seconds
 * @param {OscillatorType} wave
 * @param {number} volume 0-1
 */
function note(frequency, at, length, wave = "triangle", volume = 0.15) {
  if (!context || muted || context.state !== "running") return;
  const t = context.currentTime + at;
  const osc = context.createOscillator();
  const gain = context.createGain();
  osc.type = wave;
  osc.frequency.setValueAtTime(frequency, t);
  gain.gain.setValueAtTime(0.0001, t);
  gain.gain.exponentialRampToValueAtTime(volume, t + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, t + length);
  osc.connect(gain).connect(context.destination);
  osc.start(t);
  osc.stop(t + length + 0.05);
}

// A gentle arpeggio for the lobby: C, A minor, F, G, one bar each, looped.
const LOBBY_CHORDS = [
  [261.63, 329.63, 392.0],
  [220.0, 261.63, 329.63],
  [174.61, 220.0, 261.63],
  [196.0, 246.94, 293.66],
];

/** Play the lobby music until `stopMusic` (no-op if it is already playing). */
export function lobbyMusic() {
  if (musicTimer !== undefined) return;
  let bar = 0;
  const playBar = () => {
    const chord = LOBBY_CHORDS[bar % LOBBY_CHORDS.length];
    for (let step = 0; step < 8; step++) {
      note(chord[step % 3] * (step >= 4 ? 2 : 1), step * 0.25, 0.22, "sine", 0.08);
    }
    note(chord[0] / 2, 0, 1.9, "triangle", 0.07);
    bar += 1;
  };
  playBar();
  musicTimer = window.setInterval(playBar, 2000);
}

export function stopMusic() {
  if (musicTimer !== undefined) {
    window.clearInterval(musicTimer);
    musicTimer = undefined;
  }
}

/** A tick for each of the last seconds of a question (higher for the very last ones). */
/** @param {number} secondsLeft */
export function tick(secondsLeft) {
  note(secondsLeft <= 3 ? 1320 : 880, 0, 0.08, "square", 0.06);
}

/** The reveal: a short rising chord. */
export function sting() {
  [392.0, 493.88, 587.33, 783.99].forEach((f, i) => note(f, i * 0.07, 0.7, "triangle", 0.12));
}

/** The podium: a fanfare for each place as it appears. */
/** @param {number} rank */
export function fanfare(rank) {
  const base = rank === 1 ? 523.25 : rank === 2 ? 440.0 : 392.0;
  [1, 1.25, 1.5, 2].forEach((r, i) => note(base * r, i * 0.14, i === 3 ? 0.9 : 0.2, "sawtooth", 0.07));
}

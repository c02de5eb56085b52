// The types of /answer-styles.js, which the server generates from quizhost/answer_styles.py
// (the one definition of every answer's colour and shape). Not served: only tsc reads this.

export interface AnswerStyle {
  name: string;
  colour: string;
  ink: string;
  shape: string;
  glyph: string;
  path: string;
}

export const ANSWER_STYLES: readonly AnswerStyle[];
export const TRUE_FALSE: readonly number[];

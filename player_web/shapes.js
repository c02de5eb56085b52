// @ts-check
// Answer colours with a shape each, so colour-blind players can tell them apart.

const SVG = "http://www.w3.org/2000/svg";

const SHAPES = [
  { name: "triangle", colour: "red", path: "M12 3 22 20H2z" },
  { name: "diamond", colour: "blue", path: "M12 2 22 12 12 22 2 12z" },
  { name: "circle", colour: "yellow", path: "M12 2a10 10 0 1 0 0.01 0z" },
  { name: "square", colour: "green", path: "M3 3h18v18H3z" },
  { name: "pentagon", colour: "purple", path: "M12 2 22 9.5 18 21H6L2 9.5z" },
  { name: "hexagon", colour: "teal", path: "M7 3h10l5 9-5 9H7l-5-9z" },
];
// True/False: Kahoot's blue diamond for True and red triangle for False.
const TRUE_FALSE_SHAPES = [1, 0];

/**
 * The style of the answer at `position` of a question of `kind`.
 * @param {string} kind
 * @param {number} position
 */
export function styleOf(kind, position) {
  const index = kind === "true_false" ? (TRUE_FALSE_SHAPES[position] ?? position) : position;
  return SHAPES[index % SHAPES.length];
}

/**
 * The shape of an answer as an inline SVG icon (hidden from screen readers).
 * @param {{path: string}} style
 */
export function shapeIcon(style) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", "shape");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", style.path);
  svg.append(path);
  return svg;
}

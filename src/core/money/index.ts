/** The money module: exact amounts, rates and named rounding. decimal.js stays inside this folder. */
export { Amount } from "./amount";
export { Rate } from "./rate";
export { type RoundingMode, ROUNDING_MODES, isRoundingMode } from "./rounding";
export { allocate } from "./allocate";

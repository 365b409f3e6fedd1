// Bug: maxpool2d never returns (a loop whose counter is never advanced).
export { getOutputShape, MaxPooling, AvgPooling } from './right.mjs';

export function maxpool2d(input) {
  let i = 0;
  while (i < input.length) {
    // forgot i++
  }
  return input;
}

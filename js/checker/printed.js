// Reads what the notebook printed into nested arrays for `poolgrad answers`:
// numpy.js's parser, with its errors as exceptions worded in English.

import { parseAnswer } from './numpy.js';
import { describeParseError } from './words.js';

/** Nested arrays from row-major values and a shape. */
function nest(values, shape) {
  let next = 0;
  const build = (depth) => (depth === shape.length ? values[next++] : Array.from({ length: shape[depth] }, () => build(depth + 1)));
  return build(0);
}

/**
 * Nested arrays of numbers from an answer text (plain numbers give a flat
 * array). Throws a SyntaxError, or a RangeError for ragged arrays, whose
 * message says what could not be read and where.
 */
export function parseNumpy(text) {
  if (typeof text !== 'string') throw new TypeError(`parseNumpy needs a string, but got ${typeof text}`);
  const parsed = parseAnswer(text);
  if (!parsed.ok) {
    const message = describeParseError(parsed.error);
    throw parsed.error.key === 'ragged' ? new RangeError(message) : new SyntaxError(message);
  }
  if (!parsed.nested) {
    if (parsed.values.length === 1) {
      throw new SyntaxError(`expected an array in brackets, but got the single number ${parsed.values[0]}`);
    }
    return parsed.values;
  }
  return nest(parsed.values, parsed.shape);
}

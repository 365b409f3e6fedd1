// Drives the exercise page through the stable DOM hooks (README, "The exercise page"): every
// checkable unit answered right, one cell wrong and with garbage. Expected
// answers are computed here with the package, independently of the page's
// code. Shared by the served-page and the one-file-page tests.
import { expect } from 'vitest';
import * as pg from 'poolgrad';

export const EXERCISES = ['output-shape', 'maxpool-forward', 'backprop-yx', 'maxpool-backward', 'avgpool-forward', 'avgpool-backward', 'question', 'torch-compare'];

// --- independent expected answers -------------------------------------------------------

function expectedFor(exercise, quantity, given) {
  if (quantity === 'outputShape') return { data: pg.outputShape(given.inputShape, given.options), shape: [2] };
  const op = given.op ?? (exercise.startsWith('avg') ? 'avg' : 'max');
  const x = pg.tensor(given.input);
  if (quantity === 'output') return op === 'max' ? pg.maxPool2d(x, given.options).output : pg.avgPool2d(x, given.options);
  if (quantity === 'backpropYX') {
    const layer = new pg.MaxPool2d(given.options);
    layer.forward(x);
    return layer.backpropYX;
  }
  if (quantity === 'gradInput') {
    const grad = pg.tensor(given.gradOutput);
    return op === 'max'
      ? pg.maxPool2dBackward(grad, pg.maxPool2d(x, given.options).indices, x.shape)
      : pg.avgPool2dBackward(grad, x.shape, given.options);
  }
  throw new Error(`unknown quantity ${quantity}`);
}

/** The right answer in one of the accepted forms (rotating, so all are used). */
function answerText(t, quantity, form) {
  if (quantity === 'outputShape') return form % 2 ? `(${t.data[0]}, ${t.data[1]})` : `${t.data[0]} ${t.data[1]}`;
  if (form % 3 === 0) return pg.format(t); // NumPy print form
  if (form % 3 === 1) return JSON.stringify(pg.toNested(t));
  return Array.from(t.data).join(' ');
}

function oneCellWrong(t) {
  const data = Array.from(t.data);
  const cell = data.length - 1;
  data[cell] += 1;
  return { data: t.data instanceof Int32Array ? Int32Array.from(data) : Float32Array.from(data), shape: t.shape };
}

const GARBAGE = '[[1, 2], drei]';

/** Drives every unit: right, one-cell-wrong, garbage. Returns per-exercise unit counts and the givens seen. */
export async function driveAllUnits(page) {
  const counts = Object.fromEntries(EXERCISES.map((id) => [id, 0]));
  const givens = [];
  const units = await page.$$('[data-unit]');
  let form = 0;
  for (const unit of units) {
    // One round trip reads what the unit shows; its hooks are counted, not assumed.
    const seen = await unit.evaluate((el) => ({
      exercise: el.closest('[data-exercise]')?.dataset.exercise,
      hooks: {
        given: el.querySelectorAll('[data-given]').length,
        answer: el.querySelectorAll('textarea[data-answer]').length,
        check: el.querySelectorAll('button[data-check]').length,
        verdict: el.querySelectorAll('[data-verdict]').length,
      },
      given: el.querySelector('[data-given]')?.textContent,
      quantity: el.querySelector('textarea[data-answer]')?.getAttribute('data-answer'),
    }));
    const { exercise, quantity } = seen;
    expect(seen.hooks, `hooks of a unit in ${exercise}`).toEqual({ given: 1, answer: 1, check: 1, verdict: 1 });
    counts[exercise] += 1;
    const given = JSON.parse(seen.given);
    givens.push(given);
    const expected = expectedFor(exercise, quantity, given);
    const textarea = await unit.$('textarea[data-answer]');
    const button = await unit.$('button[data-check]');
    const verdict = await unit.$('[data-verdict]');
    const attempts = [
      [answerText(expected, quantity, form++), 'correct'],
      [answerText(oneCellWrong(expected), quantity, form++), 'wrong'],
      [GARBAGE, 'invalid'],
    ];
    for (const [text, state] of attempts) {
      await textarea.fill(text);
      await button.click();
      const shown = await verdict.evaluate((el) => ({ state: el.getAttribute('data-state'), text: el.textContent }));
      expect(shown.state, `${exercise}/${quantity} answered ${JSON.stringify(text.slice(0, 60))}`).toBe(state);
      expect(shown.text.trim().length).toBeGreaterThan(5);
    }
  }
  return { counts, givens };
}

export function expectEveryExerciseHasUnits(counts) {
  for (const id of EXERCISES) expect(counts[id], `units in ${id}`).toBeGreaterThan(0);
}


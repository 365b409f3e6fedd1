// The classic wrong ways to pool, each a small named wrong implementation.
// When a learner's wrong answer or result equals what one of them produces on
// the same givens, the verdict names it (judge.js `alternatives`) and says the
// right rule in one sentence (describeMistake). Results are nested arrays; the
// right parts (output sizes, maxima positions, the right result to transpose)
// come from the poolgrad package, passed in.
// Pure: no Node or DOM API.

import { exercise, optionsOf } from './exercises.js';
import { matches } from './judge.js';

// --- small helpers on nested arrays ------------------------------------------------------

const dims4 = (x) => [x.length, x[0].length, x[0][0].length, x[0][0][0].length];
const zeros = ([n, c, h, w]) =>
  Array.from({ length: n }, () => Array.from({ length: c }, () => Array.from({ length: h }, () => new Array(w).fill(0))));
const pair = (v, fallback) => (v === undefined || v === null ? fallback : typeof v === 'number' ? [v, v] : v);

/** The case's options with PyTorch's defaults filled in (stride defaults to the kernel). */
function settings(c) {
  const kernelSize = pair(c.kernelSize);
  return {
    kernelSize,
    stride: pair(c.stride, kernelSize),
    padding: pair(c.padding, [0, 0]),
    dilation: pair(c.dilation, [1, 1]),
    ceilMode: Boolean(c.ceilMode),
  };
}

/** Crops the two spatial axes (2 and 3) of a rank ≥ 4 nested array to [h, w]. */
const crop = (x, [h, w]) => x.map((e) => e.map((plane) => plane.slice(0, h).map((row) => row.slice(0, w))));

/** Rows and columns swapped: axes 2 and 3 of a result, or the pair of an output size. */
function transpose(x) {
  if (typeof x[0] === 'number') return [x[1], x[0]];
  return x.map((e) => e.map((plane) => plane[0].map((_, j) => plane.map((row) => row[j]))));
}

/**
 * Max pooling on nested arrays with the rules as knobs: `last` keeps the last
 * maximum of a tie, `padZero` lets padding count as 0, `step` is how far the
 * windows advance (the stride when right). Output size `outHW` as given.
 * Returns { values, yx } (yx: tap index (ky, kx) of each maximum, −1 when none).
 */
function maxWindows(input, s, outHW, { last = false, padZero = false, step = s.stride } = {}) {
  const [n, ch, h, w] = dims4(input);
  const [oh, ow] = outHW;
  const values = zeros([n, ch, oh, ow]);
  const yx = zeros([n, ch, oh, ow]);
  for (let e = 0; e < n; e++)
    for (let k = 0; k < ch; k++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++) {
          let best = -Infinity;
          let at = [-1, -1];
          for (let ky = 0; ky < s.kernelSize[0]; ky++)
            for (let kx = 0; kx < s.kernelSize[1]; kx++) {
              const r = i * step[0] - s.padding[0] + ky * s.dilation[0];
              const col = j * step[1] - s.padding[1] + kx * s.dilation[1];
              const inside = r >= 0 && r < h && col >= 0 && col < w;
              if (!inside && !padZero) continue;
              const v = inside ? input[e][k][r][col] : 0;
              if (last ? v >= best : v > best) [best, at] = [v, [ky, kx]];
            }
          values[e][k][i][j] = best;
          yx[e][k][i][j] = at;
        }
  return { values, yx };
}

/**
 * Max pooling backward from window positions `yx`: `overwrite` assigns
 * instead of adding, `swap` reads (x, y) as (y, x), `step` as in maxWindows.
 * null when a position falls outside the input (the mistake cannot be shown).
 */
function maxBackward(gradOutput, yx, inputShape, s, { overwrite = false, swap = false, step = s.stride } = {}) {
  const grad = zeros(inputShape);
  const [, , h, w] = inputShape;
  const [n, ch, oh, ow] = dims4(gradOutput);
  for (let e = 0; e < n; e++)
    for (let k = 0; k < ch; k++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++) {
          let [ky, kx] = yx[e][k][i][j];
          if (ky < 0) continue;
          if (swap) [ky, kx] = [kx, ky];
          const r = i * step[0] - s.padding[0] + ky * s.dilation[0];
          const col = j * step[1] - s.padding[1] + kx * s.dilation[1];
          if (r < 0 || r >= h || col < 0 || col >= w) return null;
          const g = gradOutput[e][k][i][j];
          grad[e][k][r][col] = overwrite ? g : grad[e][k][r][col] + g;
        }
  return grad;
}

// Average pooling backward in the notebook's setting only (no padding,
// dilation, ceil mode or divisor override: every window divides by kH·kW).
function plainAverage(c) {
  const s = settings(c);
  const plain = s.padding.every((p) => p === 0) && s.dilation.every((d) => d === 1) && !s.ceilMode && (c.divisorOverride ?? null) === null;
  return plain ? s : null;
}

function avgBackward(gradOutput, inputShape, s, { overwrite = false, step = s.stride } = {}) {
  const grad = zeros(inputShape);
  const [, , h, w] = inputShape;
  const [n, ch, oh, ow] = dims4(gradOutput);
  const area = s.kernelSize[0] * s.kernelSize[1];
  for (let e = 0; e < n; e++)
    for (let k = 0; k < ch; k++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++) {
          const share = gradOutput[e][k][i][j] / area;
          for (let ky = 0; ky < s.kernelSize[0]; ky++)
            for (let kx = 0; kx < s.kernelSize[1]; kx++) {
              const r = i * step[0] + ky;
              const col = j * step[1] + kx;
              if (r >= h || col >= w) return null;
              grad[e][k][r][col] = overwrite ? share : grad[e][k][r][col] + share;
            }
        }
  return grad;
}

// --- what the package says is right, reused by the wrong ones ----------------------------

const right = (poolgrad, name, c) => exercise(name).expected(poolgrad, c);
const outHW = (poolgrad, c) => poolgrad.outputShape(dims4(c.input).slice(2), optionsOf(c));
const rightYX = (poolgrad, c) => right(poolgrad, 'MaxPooling.backpropYX', c);
const withOptions = (c, change) => ({ ...c, ...change });

/** The output size formula, evaluated with `round` and the terms a learner kept. */
function sizeBy(c, round, { padding = 2, dilation = true, stride = true } = {}) {
  const s = settings(c);
  return [0, 1].map((a) => {
    const d = dilation ? s.dilation[a] : 1;
    return round((c.inputShape[a] + padding * s.padding[a] - d * (s.kernelSize[a] - 1) - 1) / (stride ? s.stride[a] : 1)) + 1;
  });
}

/** Several wrong results under one name (e.g. the ways to get the average's divisor wrong). */
const variants = (list) => ({ variants: list });

// --- the table ---------------------------------------------------------------------------

/**
 * Each misconception: key, and per exercise name a function (poolgrad, c) →
 * the wrong result, variants([...]) of several, or null where the case
 * cannot show it. `blindOnNotebook` names the exercises where the notebook's own givens
 * cannot tell it from the right result, and why.
 */
export const MISCONCEPTIONS = [
  {
    key: 'ties-last',
    produce: {
      'MaxPooling.backpropYX': (poolgrad, c) => maxWindows(c.input, settings(c), outHW(poolgrad, c), { last: true }).yx,
      'MaxPooling.backwardInput': (poolgrad, c) => {
        const s = settings(c);
        return maxBackward(c.gradOutput, maxWindows(c.input, s, outHW(poolgrad, c), { last: true }).yx, dims4(c.input), s);
      },
    },
    blindOnNotebook: {},
  },
  {
    key: 'overwrite-not-add',
    produce: {
      'MaxPooling.backwardInput': (poolgrad, c) => maxBackward(c.gradOutput, rightYX(poolgrad, c), dims4(c.input), settings(c), { overwrite: true }),
      'AvgPooling.backwardInput': (poolgrad, c) => {
        const s = plainAverage(c);
        return s && avgBackward(c.gradOutput, dims4(c.input), s, { overwrite: true });
      },
    },
    blindOnNotebook: {},
  },
  {
    key: 'padding-as-zero',
    produce: {
      maxpool2d: (poolgrad, c) => (settings(c).padding.some((p) => p > 0) ? maxWindows(c.input, settings(c), outHW(poolgrad, c), { padZero: true }).values : null),
      'MaxPooling.forward': (poolgrad, c) => (settings(c).padding.some((p) => p > 0) ? maxWindows(c.input, settings(c), outHW(poolgrad, c), { padZero: true }).values : null),
    },
    blindOnNotebook: {
      maxpool2d: 'the notebook pools without padding',
      'MaxPooling.forward': 'the notebook pools without padding',
    },
  },
  {
    key: 'avg-divisor',
    produce: Object.fromEntries(
      ['AvgPooling.forward', 'AvgPooling.backwardInput'].map((name) => [
        name,
        (poolgrad, c) => {
          const s = settings(c);
          const changes = [
            { divisorOverride: s.kernelSize[0] }, // kernel height only
            { divisorOverride: s.kernelSize[1] }, // kernel width only
            { divisorOverride: 1 }, // the sum, not divided
            { divisorOverride: s.kernelSize[0] * s.kernelSize[0] }, // a square kernel assumed
            { divisorOverride: s.kernelSize[1] * s.kernelSize[1] },
            { divisorOverride: s.kernelSize[0] + s.kernelSize[1] },
          ];
          if (s.padding.some((p) => p > 0)) changes.push({ countIncludePad: !(c.countIncludePad ?? true), divisorOverride: undefined });
          if ((c.divisorOverride ?? null) !== null) changes.push({ divisorOverride: undefined });
          return variants(changes.map((change) => right(poolgrad, name, withOptions(c, change))));
        },
      ]),
    ),
    blindOnNotebook: {},
  },
  {
    key: 'yx-absolute',
    produce: {
      'MaxPooling.backpropYX': (poolgrad, c) => {
        const { indices } = poolgrad.maxPool2d(poolgrad.tensor(c.input), optionsOf(c));
        const w = dims4(c.input)[3];
        return poolgrad.toNested(indices).map((e) => e.map((plane) => plane.map((row) => row.map((flat) => (flat < 0 ? [-1, -1] : [Math.floor(flat / w), flat % w])))));
      },
    },
    blindOnNotebook: {},
  },
  {
    key: 'yx-swapped',
    produce: {
      'MaxPooling.backpropYX': (poolgrad, c) => rightYX(poolgrad, c).map((e) => e.map((plane) => plane.map((row) => row.map(([y, x]) => [x, y])))),
      'MaxPooling.backwardInput': (poolgrad, c) => maxBackward(c.gradOutput, rightYX(poolgrad, c), dims4(c.input), settings(c), { swap: true }),
    },
    blindOnNotebook: {},
  },
  {
    key: 'output-size-rounding',
    produce: {
      getOutputShape: (poolgrad, c) => {
        return variants([
          ...(c.ceilMode ? [sizeBy(c, Math.floor)] : []),
          sizeBy(c, Math.ceil),
          sizeBy(c, Math.round),
          sizeBy(c, Math.floor, { padding: 0 }),
          sizeBy(c, Math.floor, { padding: 1 }),
          sizeBy(c, Math.floor, { dilation: false }),
          sizeBy(c, Math.floor, { padding: 0, dilation: false }),
        ]);
      },
      ...Object.fromEntries(
        ['maxpool2d', 'MaxPooling.forward', 'AvgPooling.forward'].map((name) => [name, (poolgrad, c) => right(poolgrad, name, withOptions(c, { ceilMode: !c.ceilMode }))]),
      ),
    },
    blindOnNotebook: {
      maxpool2d: 'the notebook\'s 5×5 input with a 3×3 kernel and stride 2 fits exactly, so floor and ceil agree',
      'MaxPooling.forward': 'the notebook\'s 5×5 input with a 3×3 kernel and stride 2 fits exactly, so floor and ceil agree',
      'AvgPooling.forward': 'the notebook\'s 5×5 input with a 3×3 kernel and stride 2 fits exactly, so floor and ceil agree',
    },
  },
  {
    key: 'stride-ignored',
    produce: {
      getOutputShape: (poolgrad, c) => sizeBy(c, Math.floor, { stride: false }),
      ...Object.fromEntries(
        ['maxpool2d', 'MaxPooling.forward', 'AvgPooling.forward', 'MaxPooling.backpropYX'].map((name) => [
          name,
          // the output size is right, but window i starts at row i instead of i·stride
          (poolgrad, c) => crop(right(poolgrad, name, withOptions(c, { stride: [1, 1] })), outHW(poolgrad, c)),
        ]),
      ),
      'MaxPooling.backwardInput': (poolgrad, c) => maxBackward(c.gradOutput, rightYX(poolgrad, c), dims4(c.input), settings(c), { step: [1, 1] }),
      'AvgPooling.backwardInput': (poolgrad, c) => {
        const s = plainAverage(c);
        return s && avgBackward(c.gradOutput, dims4(c.input), s, { step: [1, 1] });
      },
    },
    blindOnNotebook: {},
  },
  {
    key: 'forward-instead-of-backward',
    produce: {
      'MaxPooling.backwardInput': (poolgrad, c) => right(poolgrad, 'MaxPooling.forward', c),
      'AvgPooling.backwardInput': (poolgrad, c) => right(poolgrad, 'AvgPooling.forward', c),
    },
    blindOnNotebook: {},
  },
  {
    key: 'transposed',
    produce: Object.fromEntries(
      ['getOutputShape', 'maxpool2d', 'MaxPooling.forward', 'MaxPooling.backpropYX', 'MaxPooling.backwardInput', 'AvgPooling.forward', 'AvgPooling.backwardInput'].map(
        (name) => [name, (poolgrad, c) => transpose(right(poolgrad, name, c))],
      ),
    ),
    blindOnNotebook: {},
  },
];

/** The keys, in the order a verdict prefers them when two produce the same result. */
export const MISTAKE_KEYS = MISCONCEPTIONS.map((m) => m.key);

const BY_KEY = new Map(MISCONCEPTIONS.map((m) => [m.key, m]));

/** The exercises a misconception applies to. */
export const appliesTo = (key) => Object.keys(BY_KEY.get(key)?.produce ?? {});

/**
 * The misconceptions' results for exercise `name` on case `c` (a case as in
 * exercises.js), as judge() alternatives [{ key, expected }]: only those that
 * differ from the right result, so a right answer is never named a mistake.
 */
export function alternativesFor(poolgrad, name, c) {
  const row = exercise(name);
  let expected;
  try {
    expected = row.expected(poolgrad, c);
  } catch {
    return []; // the package refuses the givens: nothing to compare with
  }
  const out = [];
  for (const key of row.mistakes) {
    const produce = BY_KEY.get(key).produce[row.name];
    if (!produce) continue;
    let results;
    try {
      results = produce(poolgrad, c);
    } catch {
      continue; // the wrong rule leads to givens the package refuses
    }
    if (results === null || results === undefined) continue;
    for (const result of results.variants ?? [results]) {
      if (result !== null && !matches(expected, result)) out.push({ key, expected: result });
    }
  }
  return out;
}

const TEXT = {
  'ties-last': {
    en: 'On a tie the first maximum in row-major order wins (smallest row, then smallest column), as np.argmax picks it – not the last one.',
    de: 'Bei Gleichstand zählt das erste Maximum in Zeilenreihenfolge (kleinste Zeile, dann kleinste Spalte), wie np.argmax es wählt – nicht das letzte.',
  },
  'overwrite-not-add': {
    en: 'Where windows overlap, the gradients that reach the same input element add up (+=) instead of overwriting each other.',
    de: 'Wo sich Fenster überlappen, addieren sich die Gradienten, die dasselbe Input-Element erreichen (+=), statt sich zu überschreiben.',
  },
  'padding-as-zero': {
    en: 'In max pooling, padding counts as −∞, not as 0: a window of negative values keeps its negative maximum.',
    de: 'Beim Max Pooling zählt Padding als −∞, nicht als 0: ein Fenster aus negativen Werten behält sein negatives Maximum.',
  },
  'avg-divisor': {
    en: 'Average pooling divides each window’s sum by the number of its elements, kH·kW (with padding: as count_include_pad says; a divisor_override replaces it).',
    de: 'Average Pooling teilt die Summe jedes Fensters durch die Anzahl seiner Elemente, kH·kW (mit Padding: wie count_include_pad es sagt; ein divisor_override ersetzt sie).',
  },
  'yx-absolute': {
    en: 'backprop_yx holds the position of the maximum inside its window (relative to the window’s anchor), not its position in the input.',
    de: 'backprop_yx enthält die Position des Maximums innerhalb seines Fensters (relativ zum Aufsatzpunkt), nicht seine Position im Input.',
  },
  'yx-swapped': {
    en: 'Each position is stored as (y, x): the row first, then the column.',
    de: 'Jede Position wird als (y, x) gespeichert: erst die Zeile, dann die Spalte.',
  },
  'output-size-rounding': {
    en: 'The output size is floor((H + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1 per axis (ceil only with ceil_mode).',
    de: 'Die Ausgabegröße ist je Achse floor((H + 2·Padding − Dilation·(Kernel − 1) − 1) / Stride) + 1 (ceil nur mit ceil_mode).',
  },
  'stride-ignored': {
    en: 'Window (i, j) starts at row i·stride and column j·stride: the windows advance by the stride, not by 1.',
    de: 'Fenster (i, j) beginnt in Zeile i·Stride und Spalte j·Stride: die Fenster rücken um den Stride weiter, nicht um 1.',
  },
  'forward-instead-of-backward': {
    en: 'The gradient for the input has the input’s shape; it is not the forward result.',
    de: 'Der Gradient für den Input hat die Form des Inputs; er ist nicht das Ergebnis der Forward Propagation.',
  },
  transposed: {
    en: 'Rows and columns are swapped: the first spatial axis is the height (y), the second the width (x).',
    de: 'Zeilen und Spalten sind vertauscht: die erste räumliche Achse ist die Höhe (y), die zweite die Breite (x).',
  },
};

const NAME = {
  'ties-last': { en: 'ties go to the last maximum', de: 'Gleichstand an das letzte Maximum' },
  'overwrite-not-add': { en: 'overlapping gradients overwritten', de: 'überlappende Gradienten überschrieben' },
  'padding-as-zero': { en: 'padding taken as 0', de: 'Padding als 0 genommen' },
  'avg-divisor': { en: 'wrong divisor', de: 'falscher Teiler' },
  'yx-absolute': { en: 'positions in the input instead of in the window', de: 'Positionen im Input statt im Fenster' },
  'yx-swapped': { en: '(x, y) instead of (y, x)', de: '(x, y) statt (y, x)' },
  'output-size-rounding': { en: 'output size formula', de: 'Formel der Ausgabegröße' },
  'stride-ignored': { en: 'stride ignored', de: 'Stride ignoriert' },
  'forward-instead-of-backward': { en: 'forward result instead of the gradient', de: 'Forward-Ergebnis statt Gradient' },
  transposed: { en: 'rows and columns swapped', de: 'Zeilen und Spalten vertauscht' },
};

const checkLang = (lang) => {
  if (lang !== 'de' && lang !== 'en') throw new RangeError(`lang should be de or en, but got ${JSON.stringify(lang)}`);
};

/** One sentence on the right rule behind mistake `key`, in `lang` ('de' or 'en'). */
export function describeMistake(key, lang = 'en') {
  checkLang(lang);
  const text = TEXT[key];
  if (!text) throw new RangeError(`mistake should be one of ${MISTAKE_KEYS.join(', ')}, but got ${JSON.stringify(key)}`);
  return text[lang];
}

/** The mistake's short name, in `lang`. */
export function mistakeName(key, lang = 'en') {
  checkLang(lang);
  const name = NAME[key];
  if (!name) throw new RangeError(`mistake should be one of ${MISTAKE_KEYS.join(', ')}, but got ${JSON.stringify(key)}`);
  return name[lang];
}

// The exercises of the notebook, one row each: how the learner's code is
// called, what the notebook calls it in Python, the expected result from the
// poolgrad package's public API, what a report shows as the inputs, what the
// shrinker may make smaller, and which named misconceptions can show up in it.
// Every surface (`poolgrad check`, `poolgrad answers`, the page, the Python
// checks) looks exercises up here instead of switching on their names.
//
// Pure: no Node or DOM API and no poolgrad import (the learner's worker
// imports this module too); the package is passed in where results are computed.
//
// A case is a plain object: `inputShape` or `input` (nested [N][C][H][W]),
// `gradOutput` for backward calls, and the options by their API names
// (`kernelSize`, `stride`, `padding`, `dilation`, and on the page also
// `ceilMode`, `countIncludePad`, `divisorOverride`). `args` (getOutputShape
// only) is how many arguments the learner's call passes.

/** Option names of the public API, in the order the learner's functions take them. */
export const OPTION_NAMES = ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'countIncludePad', 'divisorOverride'];

/** The options object of case `c` for the public API (only the options it sets). */
export function optionsOf(c) {
  return Object.fromEntries(OPTION_NAMES.filter((k) => c[k] !== undefined).map((k) => [k, c[k]]));
}

const copy = (v) => (Array.isArray(v) ? v.map(copy) : v);
const text = (v) => JSON.stringify(v).replace(/,/g, ', ');
const SHAPE_ARGS = ['inputShape', 'kernelSize', 'stride', 'padding', 'dilation'];
const shapeArgs = (c) => SHAPE_ARGS.slice(0, c.args ?? 5);
const pick = (c, names) => Object.fromEntries(names.filter((k) => c[k] !== undefined).map((k) => [k, c[k]]));

// The layer exercises share their call: construct with (kernelSize, stride), forward, then one of three reads.
function layerCall(className, read) {
  return (module, c) => {
    const Layer = module[className];
    const layer = new Layer(copy(c.kernelSize), copy(c.stride));
    const output = layer.forward(copy(c.input));
    if (read === 'forward') return output;
    if (read === 'backpropYX') return layer.backpropYX;
    return layer.backwardInput(copy(c.gradOutput));
  };
}

function layerDescription(className, read) {
  return (c) => {
    const layer = `new ${className}(${text(c.kernelSize)}, ${text(c.stride)})`;
    if (read === 'forward') return `${layer}.forward(input)`;
    if (read === 'backpropYX') return `layer = ${layer}; layer.forward(input); layer.backpropYX`;
    return `layer = ${layer}; layer.forward(input); layer.backwardInput(gradOutput)`;
  };
}

function layerExpected(ApiClass, read) {
  return (poolgrad, c) => {
    const layer = new poolgrad[ApiClass](optionsOf(c));
    const output = layer.forward(poolgrad.tensor(c.input));
    if (read === 'forward') return poolgrad.toNested(output);
    if (read === 'backpropYX') return poolgrad.toNested(layer.backpropYX);
    return poolgrad.toNested(layer.backwardInput(poolgrad.tensor(c.gradOutput)));
  };
}

const LAYER_INPUTS = ['input', 'kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'countIncludePad', 'divisorOverride'];

/**
 * The table. Fields:
 * - name: the learner-facing JS name (report order); python: the notebook's name;
 * - exported: the module export it needs; kind: the family of cases it is checked on;
 * - quantity / op: what the page's unit asks (`data-answer`) and which pooling;
 * - call(module, c): the learner's call; describe(c): that call as one line;
 * - expected(poolgrad, c): the right result as nested arrays;
 * - inputs(c): the givens a report shows; shrink: option names the shrinker may lower
 *   (`tensor`: it may also drop examples, channels, rows, columns and round values);
 * - mistakes: keys of misconceptions.js that can show up in this exercise.
 */
export const EXERCISES = [
  {
    name: 'getOutputShape',
    python: 'get_output_shape',
    exported: 'getOutputShape',
    kind: 'getOutputShape',
    quantity: 'outputShape',
    op: null,
    call: (module, c) => module.getOutputShape(...shapeArgs(c).map((k) => copy(c[k]))),
    describe: (c) => `getOutputShape(${shapeArgs(c).map((k) => text(c[k])).join(', ')})`,
    expected: (poolgrad, c) => poolgrad.outputShape(c.inputShape, optionsOf(c)),
    inputs: (c) => pick(c, shapeArgs(c)),
    shrink: { tensor: false, options: ['padding', 'dilation', 'stride', 'kernelSize'] },
    mistakes: ['output-size-rounding', 'stride-ignored', 'transposed'],
  },
  {
    name: 'maxpool2d',
    python: 'maxpool2d',
    exported: 'maxpool2d',
    kind: 'maxpool2d',
    quantity: 'output',
    op: 'max',
    call: (module, c) => module.maxpool2d(copy(c.input), copy(c.kernelSize), copy(c.stride), copy(c.padding ?? [0, 0]), copy(c.dilation ?? [1, 1])),
    describe: (c) => `maxpool2d(input, ${[c.kernelSize, c.stride, c.padding ?? [0, 0], c.dilation ?? [1, 1]].map(text).join(', ')})`,
    expected: (poolgrad, c) => poolgrad.toNested(poolgrad.maxPool2d(poolgrad.tensor(c.input), optionsOf(c)).output),
    inputs: (c) => pick(c, ['input', 'kernelSize', 'stride', 'padding', 'dilation']),
    shrink: { tensor: true, options: ['padding', 'dilation', 'stride', 'kernelSize'] },
    mistakes: ['padding-as-zero', 'stride-ignored', 'output-size-rounding', 'transposed'],
  },
  {
    name: 'MaxPooling.forward',
    python: 'MaxPooling_.forward',
    exported: 'MaxPooling',
    kind: 'MaxPooling',
    quantity: 'output',
    op: 'max',
    call: layerCall('MaxPooling', 'forward'),
    describe: layerDescription('MaxPooling', 'forward'),
    expected: layerExpected('MaxPool2d', 'forward'),
    inputs: (c) => pick(c, LAYER_INPUTS),
    shrink: { tensor: true, options: ['stride', 'kernelSize'] },
    mistakes: ['padding-as-zero', 'stride-ignored', 'output-size-rounding', 'transposed'],
  },
  {
    name: 'MaxPooling.backpropYX',
    python: 'MaxPooling_.backprop_yx',
    exported: 'MaxPooling',
    kind: 'MaxPooling',
    quantity: 'backpropYX',
    op: 'max',
    call: layerCall('MaxPooling', 'backpropYX'),
    describe: layerDescription('MaxPooling', 'backpropYX'),
    expected: layerExpected('MaxPool2d', 'backpropYX'),
    inputs: (c) => pick(c, LAYER_INPUTS),
    shrink: { tensor: true, options: ['stride', 'kernelSize'] },
    mistakes: ['ties-last', 'yx-absolute', 'yx-swapped', 'stride-ignored', 'transposed'],
  },
  {
    name: 'MaxPooling.backwardInput',
    python: 'MaxPooling.backward_input',
    exported: 'MaxPooling',
    kind: 'MaxPooling',
    quantity: 'gradInput',
    op: 'max',
    call: layerCall('MaxPooling', 'backwardInput'),
    describe: layerDescription('MaxPooling', 'backwardInput'),
    expected: layerExpected('MaxPool2d', 'backwardInput'),
    inputs: (c) => pick(c, [...LAYER_INPUTS, 'gradOutput']),
    shrink: { tensor: true, options: ['stride', 'kernelSize'] },
    mistakes: ['ties-last', 'overwrite-not-add', 'yx-swapped', 'stride-ignored', 'forward-instead-of-backward', 'transposed'],
  },
  {
    name: 'AvgPooling.forward',
    python: 'AvgPooling.forward',
    exported: 'AvgPooling',
    kind: 'AvgPooling',
    quantity: 'output',
    op: 'avg',
    call: layerCall('AvgPooling', 'forward'),
    describe: layerDescription('AvgPooling', 'forward'),
    expected: layerExpected('AvgPool2d', 'forward'),
    inputs: (c) => pick(c, LAYER_INPUTS),
    shrink: { tensor: true, options: ['stride', 'kernelSize'] },
    mistakes: ['avg-divisor', 'stride-ignored', 'output-size-rounding', 'transposed'],
  },
  {
    name: 'AvgPooling.backwardInput',
    python: 'AvgPooling.backward_input',
    exported: 'AvgPooling',
    kind: 'AvgPooling',
    quantity: 'gradInput',
    op: 'avg',
    call: layerCall('AvgPooling', 'backwardInput'),
    describe: layerDescription('AvgPooling', 'backwardInput'),
    expected: layerExpected('AvgPool2d', 'backwardInput'),
    inputs: (c) => pick(c, [...LAYER_INPUTS, 'gradOutput']),
    shrink: { tensor: true, options: ['stride', 'kernelSize'] },
    mistakes: ['avg-divisor', 'overwrite-not-add', 'stride-ignored', 'forward-instead-of-backward', 'transposed'],
  },
];

/** The learner-facing names, in report order. */
export const TARGETS = EXERCISES.map((e) => e.name);

/** The module exports a learner's file may provide, in report order. */
export const EXPORTS = [...new Set(EXERCISES.map((e) => e.exported))];

const BY_NAME = new Map(EXERCISES.map((e) => [e.name, e]));
const BY_PYTHON = new Map(EXERCISES.map((e) => [e.python, e]));

/** The row of `name` (JS name or the notebook's Python name); throws for an unknown one. */
export function exercise(name) {
  const row = BY_NAME.get(name) ?? BY_PYTHON.get(name);
  if (!row) throw new RangeError(`exercise should be one of ${TARGETS.join(', ')}, but got ${JSON.stringify(name)}`);
  return row;
}

/** The kind of case a target is checked on. */
export const kindOf = (name) => exercise(name).kind;

/** The first exercise checked on cases of `kind` (its shrink rules are the kind's). */
export function firstOfKind(kind) {
  const row = EXERCISES.find((e) => e.kind === kind);
  if (!row) throw new RangeError(`kind should be one of ${[...new Set(EXERCISES.map((e) => e.kind))].join(', ')}, but got ${JSON.stringify(kind)}`);
  return row;
}

/**
 * The exercise a page unit asks for: `quantity` is the unit's `data-answer`,
 * `op` 'max' or 'avg'. The page's max-pool forward unit is `maxpool2d`.
 */
export function exerciseForUnit(quantity, op = 'max') {
  const row = EXERCISES.find((e) => e.quantity === quantity && (e.op === null || e.op === op));
  if (!row) throw new RangeError(`no exercise asks for ${JSON.stringify(quantity)} with op ${JSON.stringify(op)}`);
  return row;
}

/** A page unit's givens ({ inputShape | input, options, gradOutput }) as a case. */
export const caseOfGiven = (given) => {
  const { options = {}, op, ...rest } = given;
  return { ...rest, ...options };
};

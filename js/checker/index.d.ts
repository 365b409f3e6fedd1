// Types of `poolgrad/checker` (js/checker/index.js).

/** A nested array of numbers, as learners' code returns and the notebook prints. */
export type Nested = number | Nested[];
export type Pair = [number, number];

/** A case: the givens of one call, options by their API names. */
export interface Case {
  inputShape?: Pair;
  input?: Nested;
  gradOutput?: Nested;
  kernelSize?: Pair;
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
  /** getOutputShape only: how many arguments the learner's call passes. */
  args?: number;
  label?: string;
  [extra: string]: unknown;
}

/** The parts of the poolgrad module the checker uses (pass `import * as poolgrad from 'poolgrad'`). */
export type Poolgrad = typeof import('../index.js');

export type TargetName =
  | 'getOutputShape'
  | 'maxpool2d'
  | 'MaxPooling.forward'
  | 'MaxPooling.backpropYX'
  | 'MaxPooling.backwardInput'
  | 'AvgPooling.forward'
  | 'AvgPooling.backwardInput';

export type MistakeKey =
  | 'ties-last'
  | 'overwrite-not-add'
  | 'padding-as-zero'
  | 'avg-divisor'
  | 'yx-absolute'
  | 'yx-swapped'
  | 'output-size-rounding'
  | 'stride-ignored'
  | 'forward-instead-of-backward'
  | 'transposed';

export interface Exercise {
  name: TargetName;
  python: string;
  exported: 'getOutputShape' | 'maxpool2d' | 'MaxPooling' | 'AvgPooling';
  kind: 'getOutputShape' | 'maxpool2d' | 'MaxPooling' | 'AvgPooling';
  quantity: 'outputShape' | 'output' | 'backpropYX' | 'gradInput';
  op: 'max' | 'avg' | null;
  call(module: Record<string, unknown>, c: Case): unknown;
  describe(c: Case): string;
  expected(poolgrad: Poolgrad, c: Case): Nested;
  inputs(c: Case): Record<string, unknown>;
  shrink: { tensor: boolean; options: string[] };
  mistakes: MistakeKey[];
}

export const EXERCISES: readonly Exercise[];
export const TARGETS: readonly TargetName[];
export const EXPORTS: readonly string[];
export const OPTION_NAMES: readonly string[];
export function exercise(name: string): Exercise;
export function kindOf(name: string): Exercise['kind'];
export function exerciseForUnit(quantity: Exercise['quantity'], op?: 'max' | 'avg'): Exercise;
export function caseOfGiven(given: { inputShape?: Pair; input?: Nested; gradOutput?: Nested; options?: Record<string, unknown>; op?: string }): Case;
export function optionsOf(c: Case): Record<string, unknown>;

// --- judging --------------------------------------------------------------------------

export const TOLERANCE: number;
/** |a − e| ≤ 1e-4 · max(1, |e|) for finite e; NaN only for NaN, ±∞ only for the same infinity. */
export function closeEnough(answer: unknown, expected: number): boolean;
export function shapeIfRectangular(value: unknown): number[] | null;
export function unravel(flatIndex: number, shape: readonly number[]): number[];

export interface ParseError {
  key: 'empty' | 'badToken' | 'ellipsis' | 'tooDeep' | 'unclosed' | 'unexpectedClose' | 'outsideBrackets' | 'emptyList' | 'ragged';
  line?: number | null;
  col?: number | null;
  [param: string]: unknown;
}
/** A comma between digits: the first such number and the text read with decimal points. */
export interface DecimalCommaReading {
  token: string;
  fixed: string;
  values: number[];
  shape: number[] | null;
}
export type Parsed =
  | { ok: true; values: number[]; shape: number[] | null; nested: boolean; decimalComma?: DecimalCommaReading }
  | { ok: false; error: ParseError; decimalComma?: DecimalCommaReading };

/** Any form judge() reads: nested arrays, a tensor { data, shape }, or a parseAnswer() result. */
export type Judgeable = Nested | { data: ArrayLike<number>; shape: readonly number[] } | Parsed | { unsupported: string };

export interface Alternative {
  key: MistakeKey;
  expected: Judgeable;
}

export interface WrongCell {
  index: number[];
  expected: number;
  actual: unknown;
}

export type Judgement = { mistake?: MistakeKey } & (
  | { verdict: 'right'; key: 'right'; total: number }
  | { verdict: 'invalid'; key: 'parse'; error: ParseError }
  | { verdict: 'invalid'; key: 'decimalComma'; token: string; fixed: string }
  | { verdict: 'wrong'; key: 'unreadable'; what: string; shape: number[] }
  | { verdict: 'wrong'; key: 'shape'; got: number[]; expected: number[] }
  | { verdict: 'wrong'; key: 'count'; got: number; expected: number; shape: number[] }
  | { verdict: 'wrong'; key: 'cells'; count: number; total: number; wrongAt: number[]; cells: WrongCell[] }
);

export function flatten(value: Judgeable): { values: number[]; shape: number[] | null } | { unreadable: string; [k: string]: unknown };
export function matches(expected: Judgeable, answer: Judgeable): boolean;
export function judge(expected: Judgeable, answer: Judgeable, options?: { alternatives?: readonly Alternative[] }): Judgement;
export function compare(expected: Judgeable, actual: Judgeable, alternatives?: readonly Alternative[]): null | { message: string; wrong: WrongCell[]; mistake?: MistakeKey };
export function describeJudgement(result: Judgement | Omit<Judgement, 'wrongAt'>, lang?: 'de' | 'en'): string;
/** A judgement without its full list of wrong positions (what reports keep). */
export function reasonOf(result: Judgement): Omit<Judgement, 'wrongAt'>;

// --- the CLI's words ------------------------------------------------------------------------

export const CLI_LANGS: readonly ['en', 'de'];
/** 'de' or 'en': `choice` if given, else from LC_ALL, LC_MESSAGES or LANG in `env`. */
export function pickLang(choice: string | undefined, env?: Record<string, string | undefined>): 'de' | 'en';
/** The text for `key` in `lang` with {name} placeholders filled. */
export function say(lang: 'de' | 'en', key: string, params?: Record<string, unknown>): string;
export const WORDS: Record<'de' | 'en', Record<string, string>>;

// --- misconceptions ----------------------------------------------------------------------

export interface Misconception {
  key: MistakeKey;
  /** Per exercise: the wrong result on case `c` (or a list of variants), null where the case cannot show it. */
  produce: Partial<Record<TargetName, (poolgrad: Poolgrad, c: Case) => Nested | { variants: Nested[] } | null>>;
  /** Exercises whose notebook givens cannot tell the misconception from the right result, and why. */
  blindOnNotebook: Partial<Record<TargetName, string>>;
}
export const MISCONCEPTIONS: readonly Misconception[];
export const MISTAKE_KEYS: readonly MistakeKey[];
/** The misconceptions' results for exercise `name` on `c` that differ from the right one. */
export function alternativesFor(poolgrad: Poolgrad, name: string, c: Case): Alternative[];
/** One sentence on the right rule behind `key`, in `lang`. */
export function describeMistake(key: MistakeKey, lang?: 'de' | 'en'): string;
/** The mistake's short name, in `lang`. */
export function mistakeName(key: MistakeKey, lang?: 'de' | 'en'): string;
/** The exercises a misconception has an implementation for. */
export function appliesTo(key: MistakeKey): TargetName[];
/** The report line naming a recognised misconception and its rule ('' for none). */
export function mistakeLine(key: MistakeKey | undefined, lang?: 'de' | 'en'): string;

// --- parsing --------------------------------------------------------------------------

export function parseAnswer(text: string): Parsed;
export function parseNumpy(text: string): Nested[];
export function describeParseError(error: ParseError, lang?: 'de' | 'en'): string;

// --- notebooks ------------------------------------------------------------------------

export const MAX_NOTEBOOK_BYTES: number;
export class NotebookError extends Error {
  key: 'not-text' | 'too-large' | 'not-json' | 'not-a-notebook' | 'nbformat' | 'bad-cell';
  params: Record<string, unknown>;
  constructor(key: NotebookError['key'], params?: Record<string, unknown>);
}
export type NotebookOutput = { type: 'stream'; name: 'stdout' | 'stderr'; text: string } | { type: 'result'; text: string } | { type: 'error'; ename: string; evalue: string };
export type NotebookCell =
  | { index: number; type: 'code'; source: string; executionCount: number | null; outputs: NotebookOutput[] }
  | { index: number; type: 'markdown' | 'raw'; source: string };
export interface Notebook {
  nbformat: 4;
  cells: NotebookCell[];
}
export function readNotebook(text: string): Notebook;
export function codeCells(notebook: Notebook): Extract<NotebookCell, { type: 'code' }>[];
export function codeOf(notebook: Notebook): string;
export function storedOutput(notebook: Notebook): string;
export function describeNotebookError(error: { key: string; [param: string]: unknown }): string;

// --- the notebook's givens ---------------------------------------------------------------

export const O_0: Nested[];
export const KERNEL: Pair;
export const STRIDE: Pair;
export const MAX_GRAD: Nested[];
export const AVG_GRAD: Nested[];
export const MAX_CASE: Case;
export const AVG_CASE: Case;
export const OUTPUT_SHAPE_CALLS: readonly (Case & { label: string; inputShape: Pair; kernelSize: Pair; stride: Pair; padding: Pair; dilation: Pair; args: number })[];

// --- notebook output (`poolgrad answers`) ---------------------------------------------------

export interface AnswerBlock {
  label: string;
  line: number;
  cell?: string;
  what?: string;
  /** words.js key of `what`, so a report can word it in German. */
  whatKey?: string;
  /** A wrong block's judgement (judge() without its full list of wrong positions). */
  reason?: Omit<Judgement, 'wrongAt'>;
  /** An invalid block's parse error ('singleNumber' when the block is one bare number). */
  parseError?: ParseError | { key: 'singleNumber'; value: number };
  verdict: 'right' | 'wrong' | 'invalid' | 'not-judged';
  message: string;
  wrong?: WrongCell[];
  expected?: Nested;
  actual?: Nested;
  mistake?: MistakeKey;
}
export function splitBlocks(text: string): { label: string; text: string; line: number }[];
export function isPlaceholder(body: string): boolean;
export function outputToJudge(text: string, fileName?: string): string;
export function notebookExpectations(poolgrad: Poolgrad): Record<string, { cell: string; what: string; expected: Nested | null }[]>;
export function checkAnswers(text: string, poolgrad: Poolgrad): { blocks: AnswerBlock[] };
export function formatAnswers(report: { blocks: AnswerBlock[] }, lang?: 'de' | 'en'): string;

// --- the checking engine ------------------------------------------------------------------

export const LEVELS: readonly ['notebook', 'extended'];
export const COUNTS: Record<Exercise['kind'], number>;
export function makeCases(seed: number, valid?: (kind: Exercise['kind'], c: Case) => boolean, counts?: Record<string, number>, level?: 'notebook' | 'extended'): Record<Exercise['kind'], Case[]>;
export function gradientFor(shape: readonly number[], gradSeed: number): Nested[];
export function expectedFor(poolgrad: Poolgrad, target: string, c: Case): Nested;
export function candidates(kind: Exercise['kind'], c: Case): Generator<Case>;
export function shrink<F>(kind: Exercise['kind'], c: Case, failure: F, fails: (candidate: Case) => Promise<F | null>, options?: { maxTries?: number }): Promise<{ case: Case; failure: F; steps: number }>;

export interface Failure {
  kind: 'missing' | 'timeout' | 'crash' | 'error' | 'mismatch';
  message: string;
  call?: string;
  inputs?: Record<string, unknown>;
  label?: string;
  expected?: Nested;
  actual?: Nested;
  error?: string;
  wrong?: WrongCell[];
  mistake?: MistakeKey;
  /** A mismatch's judgement (judge() without its full list of wrong positions). */
  reason?: Omit<Judgement, 'wrongAt'>;
  /** timeout: the function's budget in s; an import timeout: the ms left when it started. */
  seconds?: number;
  ms?: number;
  shrinkSteps?: number;
}
export interface Result {
  name: TargetName;
  passed: number;
  total: number;
  failure?: Failure;
}
export interface Report {
  seed: number;
  level: 'notebook' | 'extended';
  results: Result[];
}

export interface Session {
  exports: string[];
  call(target: string, c: Case, timeoutMs: number): Promise<{ ok: true; value: unknown } | { ok: false; error: string }>;
  close(): void;
}
export class Timeout extends Error {
  constructor(ms: number);
}
export class WorkerGone extends Error {
  constructor(message: string);
}
export function connect(
  worker: { post(message: unknown): void; listen(onMessage: (m: any) => void, onError: (e: unknown) => void): void; terminate(): void },
  timeoutMs: number,
): Promise<Session>;

export const DEFAULT_DEADLINE_MS: number;
export function runChecks(options: {
  poolgrad: Poolgrad;
  openSession(timeoutMs: number): Promise<Session>;
  seed?: number;
  deadlineMs?: number;
  counts?: Record<string, number>;
  level?: 'notebook' | 'extended';
  onResult?(result: Result): void;
}): Promise<Report | { usageError: string }>;

export function describeCall(target: string, c: Case): string;
export function execute(module: Record<string, unknown>, target: string, c: Case): { ok: true; value: unknown } | { ok: false; error: string };
export function answer(module: Record<string, unknown>, message: { id: number; target: string; case: Case }): { type: 'result'; id: number; ok: boolean; value?: unknown; error?: string };
export function exportedNames(module: Record<string, unknown>): string[];

export function showValue(value: unknown): string;
export function describeFailure(failure: Failure | undefined, lang?: 'de' | 'en'): string;
export function formatReport(report: Report, lang?: 'de' | 'en'): string;

export const TEMPLATE: string;
export function templateFor(file?: string): string;

export function mulberry32(seed: number): () => number;
export function seededRandom(seed: number): { next(): number; int(lo: number, hi: number): number; chance(p: number): boolean; pick<T>(list: readonly T[]): T };

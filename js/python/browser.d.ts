// Types of `poolgrad/python` (js/python/browser.js).
import type { AnswerBlock, Timeout, WorkerGone } from '../checker/index.js';

/** A Python runtime as checkPython drives it (js/python/runtime.js in Node, a Web Worker in the page). */
export interface PythonRuntimeLike {
  /** The worker currently running, or null; a new one means the submission must be loaded again. */
  readonly worker: unknown;
  start(): Promise<unknown>;
  load(submission: { filename: string; cells: string[] }, ms: number): Promise<{ exports: string[]; notes: string[]; output: string }>;
  /** Rejects with Timeout or WorkerGone. */
  call(target: string, testCase: object, ms: number): Promise<{ ok: true; value: unknown } | { ok: false; error: string }>;
  stop(): void;
}

export interface PythonResult {
  name: string;
  passed: number;
  total: number;
  failure?: { kind: string; message: string; mistake?: string; [field: string]: unknown };
}

export type PythonReport =
  | {
      seed: number;
      level: string;
      results: PythonResult[];
      /** What the cells printed, judged as `poolgrad answers` does; absent when they printed none of the notebook's blocks. */
      answers?: { blocks: AnswerBlock[] };
      notes: string[];
      output: string;
    }
  | { usageError: string; notes: string[]; output: string };

/** The notebook's definitions a submission may provide. */
export const PYTHON_EXPORTS: string[];

export class SubmissionError extends Error {}

/** { code } (a .py file or pasted code) or { notebookText } (.ipynb) → { filename, cells }. */
export function submissionOf(submission: { code?: string; notebookText?: string; filename?: string }): { filename: string; cells: string[] };

/** The learner's Python call for exercise `name` on the inputs a failure shows. */
export function pythonCall(name: string, inputs: Record<string, unknown>): string;

/** Checks one submission on `runtime`, with the notebook's names in the results. */
export function checkPython(options: {
  poolgrad: object;
  runtime: PythonRuntimeLike;
  submission: { code?: string; notebookText?: string; filename?: string };
  seed?: number;
  deadlineMs?: number;
  counts?: Record<string, number>;
  level?: 'notebook' | 'extended';
  onResult?: (result: PythonResult) => void;
}): Promise<PythonReport>;

/** `_poolgrad_bridge.compute` for the Python stand-ins: JSON text in, JSON text out, computed by `poolgrad`. */
export function poolgradBridge(poolgrad: object): (request: string) => string;

/** JSON text for Python, NaN and ±∞ spelled {"$float": …}. */
export function toPython(value: unknown): string;
/** Parses JSON text from Python, restoring the spelled-out numbers. */
export function fromPython(text: string): unknown;

export type { Timeout, WorkerGone };

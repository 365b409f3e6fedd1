// Types of `poolgrad/checker/execute` (js/checker/execute.js): the learner worker's side of the
// checking protocol, without WebAssembly, so a worker can load it alone.
import type { Case } from './index.js';

export const EXPORTS: readonly string[];
export function describeCall(target: string, c: Case): string;
export function execute(module: Record<string, unknown>, target: string, c: Case): { ok: true; value: unknown } | { ok: false; error: string };
/** `{ type: 'call', id, target, case }` → `{ type: 'result', id, ok, value | error }`. */
export function answer(
  module: Record<string, unknown>,
  message: { id: number; target: string; case: Case },
): { type: 'result'; id: number; ok: true; value: unknown } | { type: 'result'; id: number; ok: false; error: string };
/** The names among EXPORTS that the module provides as functions or classes. */
export function exportedNames(module: Record<string, unknown>): string[];

// poolgrad/checker and poolgrad/checker/judging as a TypeScript user sees them.
import * as poolgrad from 'poolgrad';
import {
  alternativesFor, checkAnswers, describeMistake, exercise, formatReport, judge, MISTAKE_KEYS, parseAnswer, readNotebook, runChecks, storedOutput,
  type Judgement, type MistakeKey, type Report,
} from 'poolgrad/checker';
import { judge as judgeAgain, parseAnswer as parseAgain } from 'poolgrad/checker/judging';

await poolgrad.ready();
const parsed = parseAnswer('[[1 2]\n [3 4]]');
const verdict: Judgement = judge({ data: Float32Array.from([1, 2, 3, 4]), shape: [2, 2] }, parsed);
if (verdict.verdict === 'wrong' && verdict.key === 'cells') {
  const first: number[] = verdict.cells[0].index;
  void first;
}
const key: MistakeKey = MISTAKE_KEYS[0];
const rule: string = describeMistake(key, 'de');
const alternatives = alternativesFor(poolgrad, 'MaxPooling.backwardInput', { input: [[[[1, 2], [3, 4]]]], kernelSize: [2, 2], stride: [1, 1], gradOutput: [[[[1]]]] });
judgeAgain([[1]], parseAgain('[[1]]'), { alternatives });
const row = exercise('get_output_shape');
const name: 'getOutputShape' | string = row.name;
const blocks = checkAnswers(storedOutput(readNotebook('{"nbformat": 4, "cells": []}')), poolgrad).blocks;
const report = await runChecks({ poolgrad, openSession: async () => ({ exports: [], call: async () => ({ ok: true, value: 1 }), close() {} }) });
if (!('usageError' in report)) {
  const text: string = formatReport(report as Report, 'de');
  void text;
}
void [rule, name, blocks];

// @ts-expect-error: a mistake key outside the table
const wrongKey: MistakeKey = 'off-by-one';
// @ts-expect-error: the judge's options take alternatives, not a tolerance
judge([[1]], [[1]], { tolerance: 1e-3 });
// @ts-expect-error: only de and en
describeMistake('ties-last', 'fr');
void wrongKey;

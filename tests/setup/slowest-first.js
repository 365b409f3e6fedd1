// Vitest starts the files that take longest first, so that its two workers
// end together instead of one running a long file alone at the end. A fresh
// checkout (CI) has no record of earlier durations, so Vitest's own order
// there is only the order the files were found in.
import { BaseSequencer } from 'vitest/node';

// Over 20 s each on an idle two-core machine, longest first.
const SLOWEST = [
  'tests/e2e/python-mode.test.js',
  'tests/grade/grade.test.js',
  'tests/cli/python/check.test.js',
  'tests/e2e/a11y.test.js',
  'tests/python/check.test.js',
  'tests/e2e/page.test.js',
  'tests/grade/pack.test.js',
  'tests/e2e/code-mode.test.js',
  'tests/cli/python/pack.test.js',
  'tests/cli/check.test.js',
  'tests/e2e/mistakes.test.js',
  'tests/e2e/single-file.test.js',
  'tests/python/escape.test.js',
];

export default class SlowestFirst extends BaseSequencer {
  async sort(files) {
    const rank = (file) => {
      const at = SLOWEST.findIndex((path) => file.moduleId.endsWith(`/${path}`));
      return at < 0 ? SLOWEST.length : at;
    };
    const sorted = await super.sort(files);
    return sorted.map((file, order) => ({ file, order })).sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order).map(({ file }) => file);
  }
}

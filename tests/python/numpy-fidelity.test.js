// poolgrad's NumPy subset against real NumPy 1.24: every call recorded in
// tests/fixtures/numpy-fidelity.json (by record_numpy.py) gives the same
// repr/str text, values, types, dtype and shape, or the same kind of error.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNumpySubset, readFixture } from './numpy-load.js';

const fixture = readFixture('numpy-fidelity.json');
let pyodide;

beforeAll(async () => {
  pyodide = await loadNumpySubset(['tests/fixtures/numpy_describe.py', 'tests/fixtures/numpy_cases.py']);
  pyodide.runPython(`
import json, numpy as np
from numpy_describe import describe_case
from numpy_cases import UNAVAILABLE
`);
}, 180_000);

function runCases(cases) {
  pyodide.globals.set('cases_json', JSON.stringify(cases.map(({ setup, expr }) => ({ setup, expr }))));
  return JSON.parse(pyodide.runPython(
    'json.dumps([describe_case(np, c["setup"], c["expr"]) for c in json.loads(cases_json)])'));
}

// The recorded groups, by what the first words of their expressions touch.
function group(c) {
  const text = c.setup + c.expr;
  if (/repr\(|print\(/.test(text)) return 'printing';
  if (/np\.random/.test(text)) return 'random';
  if (/np\.(max|min|amax|argmax|argmin|sum|mean|prod|all|any)\(|\.(max|min|argmax|argmin|sum|mean|prod)\(/.test(text)) return 'reductions';
  if (/x = np\.arange\(60|\[.*\] = |y\[/.test(text)) return 'indexing_views_and_setitem';
  if (/np\.(unravel_index|pad|where|isnan|isinf|isfinite|floor|ceil|sqrt|exp|maximum|minimum|absolute|ndindex|allclose|isclose|array_equal)/.test(text)) return 'functions';
  if (/ (\+|-|\*|\/|\/\/|%|\*\*|<|<=|>|>=|==|!=)=? /.test(text) || /^(-|abs)\(/.test(c.expr)) return 'arithmetic_promotion_and_comparisons';
  return 'construction_dtypes_and_scalars';
}

// Error messages are NumPy's, word for word; where the subset lacks a
// feature it keeps NumPy's first line and adds that the offline checker
// does not offer it.
function messageMatches(got, want) {
  if (got === want) return true;
  if (typeof got !== 'string' || typeof want !== 'string') return false;
  const firstLine = want.split('\n')[0];
  return got.startsWith(firstLine)
    && /not available in poolgrad's offline checker|removed in NumPy 1\.24/.test(got);
}

const groups = new Map();
for (const c of fixture.cases) {
  const g = group(c);
  if (!groups.has(g)) groups.set(g, []);
  groups.get(g).push(c);
}

describe(`numpy subset matches NumPy ${fixture.numpy} (${fixture.cases.length} recorded cases)`, () => {
  it('covers a few hundred cases in every group', () => {
    expect(fixture.cases.length).toBeGreaterThan(300);
    expect([...groups.keys()].sort()).toEqual(['arithmetic_promotion_and_comparisons', 'construction_dtypes_and_scalars',
      'functions', 'indexing_views_and_setitem', 'printing', 'random', 'reductions']);
  });

  for (const [name, cases] of groups) {
    it(`${name} (${cases.length} cases)`, () => {
      const ours = runCases(cases);
      const mismatches = [];
      cases.forEach((want, i) => {
        const got = ours[i];
        const sameMessage = messageMatches(got.message, want.message);
        if (JSON.stringify({ ...got, message: null }) !== JSON.stringify({ ...want, message: null }) || !sameMessage) {
          mismatches.push({ want, got });
        }
      });
      expect(mismatches).toEqual([]);
    });
  }

  it('unavailable_features_raise_an_error_naming_them_and_the_offline_checker', () => {
    const out = JSON.parse(pyodide.runPython(`
res = []
for expr, kind in UNAVAILABLE:
    try:
        eval(expr, {'np': np})
        res.append([expr, kind, None, ''])
    except Exception as exc:
        res.append([expr, kind, [c.__name__ for c in type(exc).__mro__ if c.__module__ == 'builtins'][0], str(exc)])
json.dumps(res)`));
    expect(out.length).toBeGreaterThan(5);
    for (const [expr, kind, got, message] of out) {
      expect({ expr, error: got }).toEqual({ expr, error: kind });
      if (kind !== 'IndexError') expect(message).toMatch(/not available in poolgrad's offline checker/);
    }
    const attr = JSON.parse(pyodide.runPython(`
msgs = []
for expr in ('np.fft', 'np.zeros(2).cumsum', 'np.random.default_rng', 'np.float32(1).conjugate_xyz'):
    try:
        eval(expr, {'np': np})
    except AttributeError as exc:
        msgs.append(str(exc))
json.dumps(msgs)`));
    expect(attr).toHaveLength(4);
    expect(attr[0]).toMatch(/'fft'.*not available in poolgrad's offline checker/);
    expect(attr[1]).toMatch(/'cumsum'.*not available/);
    expect(attr[2]).toMatch(/'default_rng'.*not available/);
    expect(attr[3]).toMatch(/'conjugate_xyz'.*not available/);
  });
});

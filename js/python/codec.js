// JSON between JavaScript and the Python harness. JSON has no NaN or ±∞;
// both sides spell them { "$float": "nan" | "inf" | "-inf" } (Python's repr).
// The Python half is python/poolgrad_check/codec.py.

const SPELLING = new Map([['nan', NaN], ['inf', Infinity], ['-inf', -Infinity]]);

/** JSON text for Python, non-finite numbers spelled out. */
export const toPython = (value) =>
  JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? { $float: Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf' } : v));

/** Parses JSON text from Python, restoring the spelled-out numbers. */
export const fromPython = (text) =>
  JSON.parse(text, (_key, v) => (v && typeof v === 'object' && typeof v.$float === 'string' && SPELLING.has(v.$float) ? SPELLING.get(v.$float) : v));

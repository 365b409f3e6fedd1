// The CLI's words in English and German (the reports of `poolgrad check` and
// `poolgrad answers`). The keys come from judge.js, numpy.js, ipynb.js and the
// engine; the page words the same keys in web/js/lang/*.js. JSON output keeps
// English `message`s and adds the keys, so tools need not read prose.

export const CLI_LANGS = ['en', 'de'];

/** 'de' or 'en' from an explicit choice, else from the environment's locale (LC_ALL, LC_MESSAGES, LANG). */
export function pickLang(choice, env = {}) {
  if (choice !== undefined) {
    if (!CLI_LANGS.includes(choice)) throw new RangeError(`--lang should be one of ${CLI_LANGS.join(', ')}, but got ${JSON.stringify(choice)}`);
    return choice;
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^de([_.@-]|$)/i.test(locale) ? 'de' : 'en';
}

const EN = {
  // judge.js
  'judge.unreadable': 'expected an array of shape {shape}, but got {what}',
  'judge.ragged': 'a ragged array or one holding non-numbers',
  'judge.shape': 'expected shape {expected}, but got shape {got}',
  'judge.count': 'expected {expected} numbers (shape {shape}), but got {got}',
  'judge.cells': '{count} of {total} cells wrong; first at {index}: expected {expected}, got {actual}',
  'judge.decimalComma': '"{token}" uses a decimal comma; write {fixed} with a decimal point',
  // report.js
  'report.timeout': 'timed out',
  'report.crash': 'stopped the worker',
  'report.error': 'threw an error',
  'report.mismatch': 'wrong result',
  'report.shrunk': ' (smallest failing case found, {steps} shrink steps)',
  'report.case': ' — case {label}',
  'report.shrunkFrom': ' — shrunk from case {label}',
  'report.call': 'call',
  'report.expected': 'expected',
  'report.actual': 'actual',
  'report.threw': 'threw {error}',
  'report.timeoutMessage': 'did not return within the {seconds} s this function may take (an endless loop?); its worker was stopped',
  'report.importTimeout': 'importing the module did not finish within {ms} ms (an endless loop?); the worker was stopped',
  'report.crashMessage': '{error} (too much memory?)',
  'report.missing': '{name} is not exported (expected `export {what} {name}`)',
  'report.mistake': 'mistake recognised: {name}. {rule}',
  'report.allPassed': 'all {count} checks passed (seed {seed})',
  'report.someFailed': '{failed} of {count} failed (seed {seed}): {names}',
  'report.extended': 'extended level: maxpool2d was also checked with padding and dilation, which the notebook does not ask for.',
  'report.hintShape': 'hint: the other functions probably call getOutputShape; fix it first.',
  // answers.js
  'answers.line': 'line {line}',
  'answers.right': 'right',
  'answers.cell': 'cell {index}: expected {expected}, got {actual}',
  'answers.shapeWrong': 'expected {expected}, got {got} ({names} wrong)',
  'answers.and': ' and ',
  'answers.unreadable': 'could not read the printed value: {detail}',
  'answers.notJudged': 'not judged: the notebook feeds a random input here, so any values in (0, 1) are possible',
  'answers.allRight': 'all {count} judged blocks right',
  'answers.someWrong': '{wrong} of {count} judged blocks wrong',
  'what.shapeMax': 'get_output_shape for max pooling',
  'what.shapeFull': 'get_output_shape with stride, padding and dilation',
  'what.maxForward': 'max pooling forward',
  'what.maxForwardTorch': 'PyTorch max pooling forward',
  'what.avgForwardRandom': 'average pooling forward of a random input',
  'what.yx': 'positions of the maxima (backprop_yx)',
  'what.maxBackward': 'max pooling backward',
  'what.avgBackward': 'average pooling backward',
  'what.maxBackwardTorch': 'PyTorch max pooling backward',
  'what.avgBackwardTorch': 'PyTorch average pooling backward',
  // numpy.js parse errors
  'parse.empty': 'the text is empty',
  'parse.badToken': '"{token}" is not a number (line {line}, column {col})',
  'parse.ellipsis': '"{token}" (line {line}): the array is abbreviated; every value is needed',
  'parse.tooDeep': 'the bracket at line {line}, column {col} is nested too deeply (at most {max} levels)',
  'parse.unclosed': 'the bracket at line {line}, column {col} is never closed',
  'parse.unexpectedClose': 'a closing bracket without an opening one (line {line}, column {col})',
  'parse.outsideBrackets': 'a number outside the outer brackets (line {line}, column {col})',
  'parse.emptyList': 'empty brackets at line {line}, column {col}',
  'parse.ragged': 'the array is ragged: the row at line {line}, column {col} has {got} entries instead of {expected}',
  'parse.raggedDepth': 'the array is ragged: its brackets are nested to different depths',
  // notes of the Python harness (python/poolgrad_check) on the learner's cells
  'note.cell': 'cell {cell}',
  'note.ipythonLine': 'line {line}: skipped the IPython line {command}',
  'note.cellMagic': 'skipped the cell magic {magic} (IPython only)',
  'note.ipythonCall': 'skipped get_ipython().{call} (IPython only)',
  'note.syntaxError': 'SyntaxError: {message} (line {line}, column {col}); this cell was not run',
  'note.cellError': '{error}',
};

const DE = {
  'judge.unreadable': 'erwartet war ein Array der Form {shape}, aber es kam {what}',
  'judge.ragged': 'ein ungleichmäßiges Array oder eines mit Nicht-Zahlen',
  'judge.shape': 'erwartet war die Form {expected}, aber es kam die Form {got}',
  'judge.count': 'erwartet waren {expected} Zahlen (Form {shape}), aber es kamen {got}',
  'judge.cells': '{count} von {total} Zellen falsch; die erste bei {index}: erwartet {expected}, bekommen {actual}',
  'judge.decimalComma': '„{token}“ hat ein Dezimalkomma; bitte {fixed} mit Dezimalpunkt schreiben',
  'report.timeout': 'Zeit überschritten',
  'report.crash': 'hat den Worker gestoppt',
  'report.error': 'hat einen Fehler geworfen',
  'report.mismatch': 'falsches Ergebnis',
  'report.shrunk': ' (kleinster gefundener Fall, {steps} Verkleinerungsschritte)',
  'report.case': ' — Fall {label}',
  'report.shrunkFrom': ' — verkleinert aus Fall {label}',
  'report.call': 'Aufruf',
  'report.expected': 'erwartet',
  'report.actual': 'bekommen',
  'report.threw': 'hat {error} geworfen',
  'report.timeoutMessage': 'ist nicht innerhalb der {seconds} s zurückgekehrt, die diese Funktion haben darf (eine Endlosschleife?); ihr Worker wurde gestoppt',
  'report.importTimeout': 'der Import des Moduls ist nicht innerhalb von {ms} ms fertig geworden (eine Endlosschleife?); der Worker wurde gestoppt',
  'report.crashMessage': '{error} (zu viel Speicher?)',
  'report.missing': '{name} wird nicht exportiert (erwartet: `export {what} {name}`)',
  'report.mistake': 'erkannter Fehler: {name}. {rule}',
  'report.allPassed': 'alle {count} Prüfungen bestanden (Seed {seed})',
  'report.someFailed': '{failed} von {count} nicht bestanden (Seed {seed}): {names}',
  'report.extended': 'erweiterte Stufe: maxpool2d wurde auch mit Padding und Dilation geprüft, was das Notebook nicht verlangt.',
  'report.hintShape': 'Tipp: die anderen Funktionen rufen vermutlich getOutputShape auf; zuerst das korrigieren.',
  'answers.line': 'Zeile {line}',
  'answers.right': 'richtig',
  'answers.cell': 'Zelle {index}: erwartet {expected}, bekommen {actual}',
  'answers.shapeWrong': 'erwartet {expected}, bekommen {got} ({names} falsch)',
  'answers.and': ' und ',
  'answers.unreadable': 'der ausgegebene Wert ist nicht lesbar: {detail}',
  'answers.notJudged': 'nicht bewertet: das Notebook verwendet hier einen zufälligen Input, also ist jeder Wert in (0, 1) möglich',
  'answers.allRight': 'alle {count} bewerteten Blöcke richtig',
  'answers.someWrong': '{wrong} von {count} bewerteten Blöcken falsch',
  'what.shapeMax': 'get_output_shape für Max Pooling',
  'what.shapeFull': 'get_output_shape mit Stride, Padding und Dilation',
  'what.maxForward': 'Max Pooling vorwärts',
  'what.maxForwardTorch': 'Max Pooling vorwärts mit PyTorch',
  'what.avgForwardRandom': 'Average Pooling vorwärts mit zufälligem Input',
  'what.yx': 'Positionen der Maxima (backprop_yx)',
  'what.maxBackward': 'Max Pooling rückwärts',
  'what.avgBackward': 'Average Pooling rückwärts',
  'what.maxBackwardTorch': 'Max Pooling rückwärts mit PyTorch',
  'what.avgBackwardTorch': 'Average Pooling rückwärts mit PyTorch',
  'parse.empty': 'der Text ist leer',
  'parse.badToken': '„{token}“ ist keine Zahl (Zeile {line}, Spalte {col})',
  'parse.ellipsis': '„{token}“ (Zeile {line}): das Array ist abgekürzt; es werden alle Werte gebraucht',
  'parse.tooDeep': 'die Klammer in Zeile {line}, Spalte {col} ist zu tief geschachtelt (höchstens {max} Ebenen)',
  'parse.unclosed': 'die Klammer in Zeile {line}, Spalte {col} wird nie geschlossen',
  'parse.unexpectedClose': 'eine schließende Klammer ohne öffnende (Zeile {line}, Spalte {col})',
  'parse.outsideBrackets': 'eine Zahl außerhalb der äußeren Klammern (Zeile {line}, Spalte {col})',
  'parse.emptyList': 'leere Klammern in Zeile {line}, Spalte {col}',
  'parse.ragged': 'das Array ist ungleichmäßig: die Zeile in Zeile {line}, Spalte {col} hat {got} Einträge statt {expected}',
  'parse.raggedDepth': 'das Array ist ungleichmäßig: seine Klammern sind verschieden tief geschachtelt',
  'note.cell': 'Zelle {cell}',
  'note.ipythonLine': 'Zeile {line}: IPython-Zeile {command} übersprungen',
  'note.cellMagic': 'Zellen-Magic {magic} übersprungen (nur IPython)',
  'note.ipythonCall': 'get_ipython().{call} übersprungen (nur IPython)',
  'note.syntaxError': 'SyntaxError: {message} (Zeile {line}, Spalte {col}); diese Zelle wurde nicht ausgeführt',
  'note.cellError': '{error}',
};

const TABLES = { en: EN, de: DE };

/** The text for `key` in `lang` ('en' or 'de') with {name} placeholders filled from `params`. */
export function say(lang, key, params = {}) {
  const table = TABLES[lang];
  if (!table) throw new RangeError(`lang should be one of ${CLI_LANGS.join(', ')}, but got ${JSON.stringify(lang)}`);
  const text = table[key] ?? EN[key];
  if (text === undefined) throw new RangeError(`no text for ${JSON.stringify(key)}`);
  return fillIn(text, params);
}

/** `text` with each {name} replaced by `params[name]`; unknown names stay as they are. */
export function fillIn(text, params = {}) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** The English and German tables, for the test that both have the same keys. */
export const WORDS = TABLES;

/** A sentence for a parseAnswer() error (numpy.js) in `lang` ('en', the default, or 'de'). */
export function describeParseError(error, lang = 'en') {
  const key = error.key === 'ragged' && error.expected === undefined ? 'parse.raggedDepth' : `parse.${error.key}`;
  return key in EN ? say(lang, key, error) : `unreadable (${error.key})`;
}

/**
 * A sentence for a note of the Python harness ({ key, cell | file, ...params },
 * python/poolgrad_check) in `lang` ('en', the default, or 'de'), led by where
 * it is: "cell 3: …" in a notebook, "x.py: …" in a file.
 */
export function describeNote(note, lang = 'en') {
  const key = `note.${note.key}`;
  const text = key in EN ? say(lang, key, note) : `${note.key} ${JSON.stringify(note)}`;
  const place = note.cell !== undefined ? say(lang, 'note.cell', note) : note.file;
  return place === undefined ? text : `${place}: ${text}`;
}

// The words of the `poolgrad` command itself (help, usage errors, progress
// lines of init, check, answers, page) in English and German. They live here
// and not in js/checker/words.js because the page and its single-file build
// load that one and need none of these. The language rule is pickLang's.
import { CLI_LANGS, fillIn, pickLang } from '../js/checker/words.js';

const HELP_EN = `poolgrad — check your pooling exercise (Aufgabe 7 – CNN – Backpropagation: Pooling)

Usage:
  poolgrad page [--port N] [--open]    serve the exercise page on http://127.0.0.1:8080/ (or port N; 0 = any free one)
  poolgrad init [FILE]                 write the learner template (default learner.mjs); --force overwrites
  poolgrad check FILE.mjs|FILE.py|FILE.ipynb [options]
                                       test your getOutputShape, maxpool2d, MaxPooling, AvgPooling:
                                       your notebook's Python (.py, .ipynb) or a JavaScript module
      --json          print one JSON object { results: [...] } on stdout
      --seed N        seed of the random cases (default 1)
      --timeout MS    time budget per function in ms (default 10000)
      --extended      also check maxpool2d with padding and dilation (beyond the notebook)
  poolgrad answers [FILE]              judge the notebook's printed output: FILE.ipynb (its stored
                                       outputs), pasted text, or stdin
      --json          print one JSON object { blocks: [...] } on stdout
  poolgrad grade INPUT [options]       grade a course's notebooks (folder or Moodle zip); see poolgrad grade --help
  poolgrad --help
Reports and messages are in German when LANG (or LC_ALL, LC_MESSAGES) starts with "de"; --lang de|en chooses.

Exit codes: 0 all right, 1 something wrong, 2 usage error.`;

const HELP_DE = `poolgrad — prüft deine Pooling-Aufgabe (Aufgabe 7 – CNN – Backpropagation: Pooling)

Aufruf:
  poolgrad page [--port N] [--open]    zeigt die Aufgabenseite auf http://127.0.0.1:8080/ (oder Port N; 0 = ein freier)
  poolgrad init [DATEI]                schreibt die Vorlage für deine Lösung (sonst learner.mjs); --force überschreibt
  poolgrad check DATEI.mjs|DATEI.py|DATEI.ipynb [Optionen]
                                       testet dein getOutputShape, maxpool2d, MaxPooling, AvgPooling:
                                       das Python deines Notebooks (.py, .ipynb) oder ein JavaScript-Modul
      --json          gibt ein JSON-Objekt { results: [...] } auf stdout aus
      --seed N        Seed der Zufallsfälle (Standard 1)
      --timeout MS    Zeit pro Funktion in ms (Standard 10000)
      --extended      prüft maxpool2d auch mit Padding und Dilation (mehr als das Notebook verlangt)
  poolgrad answers [DATEI]             beurteilt die Ausgabe des Notebooks: DATEI.ipynb (die gespeicherten
                                       Ausgaben), eingefügten Text oder stdin
      --json          gibt ein JSON-Objekt { blocks: [...] } auf stdout aus
  poolgrad grade EINGABE [Optionen]    bewertet die Notebooks eines Kurses (Ordner oder Moodle-Zip); siehe poolgrad grade --help
  poolgrad --help
Berichte und Meldungen sind deutsch, wenn LANG (oder LC_ALL, LC_MESSAGES) mit "de" beginnt; --lang de|en wählt.

Exit-Codes: 0 alles richtig, 1 etwas falsch, 2 Aufruffehler.`;

const EN = {
  help: HELP_EN,
  seeHelp: 'see poolgrad --help',
  internalError: 'internal error',
  nothing: 'nothing',
  'option.lang': '--lang must be de or en, but got {value}',
  'option.integer': '{option} must be a non-negative integer, but got {value}',
  'option.unknown': 'unknown option {option}',
  'command.unknown': 'unknown command "{command}"',
  'command.none': 'no command given',
  noSuchFile: 'no such file: {file}',
  'check.needsFile': 'check needs a file: poolgrad check FILE.mjs',
  'check.oneFile': 'check takes one file, but got also {extra}',
  'check.unsupported': "{file}: check supports your notebook's Python (.py, .ipynb) and JavaScript modules (.mjs, .js), but got a {ext}",
  'check.noExtension': 'file without extension',
  'check.progress': '  checked {name}',
  'answers.oneFile': 'answers takes at most one file, but got also {extra}',
  'answers.paste': 'paste the notebook output, then {keys}:',
  'answers.none': 'found no notebook output: expected blocks such as "o_1:", "dEdo_0:", "o_0.grad:" or "Output Shape:"',
  'keys.endUnix': 'Ctrl-D',
  'keys.endWindows': 'Ctrl-Z, then Enter',
  'init.oneFile': 'init takes at most one file, but got also {extra}',
  'init.notModule': 'init writes an ES module (JavaScript with export); the file must end in .mjs or .js, but got {file}',
  'init.commonJs': '{file} would be CommonJS here (the nearest package.json has no "type": "module", so Node would refuse the template\'s export), so the template went into {mjs}',
  'init.isFolder': '{file} is a folder; give a file name, e.g. {example}',
  'init.exists': '{file} exists already; use --force to overwrite it',
  'init.folderIsFile': 'cannot create the folder for {file}: a part of {folder} is a file, not a folder',
  'init.folderDenied': 'cannot create the folder {folder}: permission denied',
  'init.writeDenied': 'cannot write {file}: permission denied',
  'init.wrote': 'wrote {file}; fill in the functions, then run: npx poolgrad check {file}',
  'page.noFile': 'page takes no file, but got {extra}',
  'page.notBuilt': 'the page is not built ({folder} is missing); in a clone of the repository run: npm run build',
  'page.portMissing': '--port needs a number: --port 8080 (0 picks a free port)',
  'page.portRange': '--port must be an integer from 0 to 65535, but got {value}',
  'page.portBusy': 'port {port} is in use; choose another with --port N (--port 0 picks a free one)',
  'page.portDenied': 'port {port} needs administrator rights; choose one above 1023 with --port N',
  'page.serving': 'poolgrad exercise page: {url}',
  'page.stop': '(Ctrl+C stops the server)',
  'page.noBrowser': 'could not start a browser; open {url} yourself',
};

const DE = {
  help: HELP_DE,
  seeHelp: 'siehe poolgrad --help',
  internalError: 'interner Fehler',
  nothing: 'nichts',
  'option.lang': '--lang muss de oder en sein, aber es kam {value}',
  'option.integer': '{option} muss eine ganze Zahl ≥ 0 sein, aber es kam {value}',
  'option.unknown': 'unbekannte Option {option}',
  'command.unknown': 'unbekannter Befehl "{command}"',
  'command.none': 'kein Befehl angegeben',
  noSuchFile: 'Datei nicht gefunden: {file}',
  'check.needsFile': 'check braucht eine Datei: poolgrad check DATEI.mjs',
  'check.oneFile': 'check nimmt eine Datei, aber es kam noch {extra}',
  'check.unsupported': '{file}: check prüft das Python deines Notebooks (.py, .ipynb) und JavaScript-Module (.mjs, .js), aber es kam {ext}',
  'check.noExtension': 'eine Datei ohne Endung',
  'check.progress': '  geprüft: {name}',
  'answers.oneFile': 'answers nimmt höchstens eine Datei, aber es kam noch {extra}',
  'answers.paste': 'füge die Ausgabe des Notebooks ein, dann {keys}:',
  'answers.none': 'keine Notebook-Ausgabe gefunden: erwartet sind Blöcke wie "o_1:", "dEdo_0:", "o_0.grad:" oder "Output Shape:"',
  'keys.endUnix': 'Strg-D',
  'keys.endWindows': 'Strg-Z, dann Enter',
  'init.oneFile': 'init nimmt höchstens eine Datei, aber es kam noch {extra}',
  'init.notModule': 'init schreibt ein ES-Modul (JavaScript mit export); die Datei muss auf .mjs oder .js enden, aber es kam {file}',
  'init.commonJs': '{file} wäre hier CommonJS (die nächste package.json hat kein "type": "module", also würde Node das export der Vorlage ablehnen), darum steht die Vorlage in {mjs}',
  'init.isFolder': '{file} ist ein Ordner; gib einen Dateinamen an, z. B. {example}',
  'init.exists': '{file} gibt es schon; mit --force überschreibst du sie',
  'init.folderIsFile': 'kann den Ordner für {file} nicht anlegen: ein Teil von {folder} ist eine Datei, kein Ordner',
  'init.folderDenied': 'kann den Ordner {folder} nicht anlegen: keine Berechtigung',
  'init.writeDenied': 'kann {file} nicht schreiben: keine Berechtigung',
  'init.wrote': '{file} geschrieben; füll die Funktionen aus und starte dann: npx poolgrad check {file}',
  'page.noFile': 'page nimmt keine Datei, aber es kam {extra}',
  'page.notBuilt': 'die Seite ist nicht gebaut ({folder} fehlt); in einem Klon des Repositorys: npm run build',
  'page.portMissing': '--port braucht eine Zahl: --port 8080 (0 nimmt einen freien Port)',
  'page.portRange': '--port muss eine ganze Zahl von 0 bis 65535 sein, aber es kam {value}',
  'page.portBusy': 'Port {port} ist belegt; wähl einen anderen mit --port N (--port 0 nimmt einen freien)',
  'page.portDenied': 'Port {port} braucht Administratorrechte; wähl einen über 1023 mit --port N',
  'page.serving': 'poolgrad-Aufgabenseite: {url}',
  'page.stop': '(Strg+C beendet den Server)',
  'page.noBrowser': 'konnte keinen Browser starten; öffne {url} selbst',
};

export { CLI_LANGS };

/** The English and German tables, for the test that both have the same keys. */
export const CLI_WORDS = { en: EN, de: DE };

/** The command's text for `key` in `lang` ('en' or 'de') with {name} placeholders filled from `params`. */
export function cliSay(lang, key, params = {}) {
  const text = (CLI_WORDS[lang] ?? EN)[key];
  if (text === undefined) throw new RangeError(`no text for ${JSON.stringify(key)}`);
  return fillIn(text, params);
}

/** An option's value as a message shows it: quoted, or "nothing" when it is missing. */
export const shownValue = (value, lang) => (value === undefined ? cliSay(lang, 'nothing') : JSON.stringify(value));

/**
 * The language of the whole command line, known before the rest is parsed so
 * that its usage errors can be worded: a valid `--lang de|en`, else the
 * locale by pickLang's rule. An invalid --lang value is reported by the parser.
 */
export function commandLang(argv, env = process.env) {
  const at = argv.indexOf('--lang');
  const choice = at >= 0 && CLI_LANGS.includes(argv[at + 1]) ? argv[at + 1] : undefined;
  return pickLang(choice, env);
}

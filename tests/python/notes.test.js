// The Python harness's notes (python/poolgrad_check) are keys with
// parameters; words.js words each key in English and German, led by the cell
// or file it is about.
import { describe, expect, it } from 'vitest';
import { describeNote, WORDS } from '../../js/checker/words.js';

const noteKeys = (table) => Object.keys(table).filter((k) => k.startsWith('note.')).sort();

describe('describeNote', () => {
  it('has_every_note_key_in_english_and_german', () => {
    expect(noteKeys(WORDS.de)).toEqual(noteKeys(WORDS.en));
    expect(noteKeys(WORDS.en)).toEqual(['note.cell', 'note.cellError', 'note.cellMagic', 'note.ipythonCall', 'note.ipythonLine', 'note.syntaxError']);
  });

  it('leads_with_the_cell_in_a_notebook_and_the_file_otherwise', () => {
    const line = { key: 'ipythonLine', line: 4, command: '!pip install numpy' };
    expect(describeNote({ cell: 2, ...line })).toBe('cell 2: line 4: skipped the IPython line !pip install numpy');
    expect(describeNote({ cell: 2, ...line }, 'de')).toBe('Zelle 2: Zeile 4: IPython-Zeile !pip install numpy übersprungen');
    expect(describeNote({ file: 'a.py', ...line }, 'de')).toBe('a.py: Zeile 4: IPython-Zeile !pip install numpy übersprungen');
    expect(describeNote({ key: 'ipythonCall', call: 'system(ls)' }, 'de')).toBe('get_ipython().system(ls) übersprungen (nur IPython)');
  });

  it('words_each_kind_with_its_parameters', () => {
    expect(describeNote({ cell: 1, key: 'cellMagic', magic: '%%time' })).toBe('cell 1: skipped the cell magic %%time (IPython only)');
    expect(describeNote({ cell: 3, key: 'syntaxError', message: 'invalid syntax', line: 1, col: 12 }, 'de')).toBe('Zelle 3: SyntaxError: invalid syntax (Zeile 1, Spalte 12); diese Zelle wurde nicht ausgeführt');
    expect(describeNote({ file: 'x.py', key: 'cellError', error: 'ZeroDivisionError: division by zero (x.py, line 2)' }, 'de')).toBe('x.py: ZeroDivisionError: division by zero (x.py, line 2)');
  });

  it('shows_an_unknown_key_with_its_parameters_instead_of_failing', () => {
    expect(describeNote({ cell: 1, key: 'future', a: 1 })).toBe('cell 1: future {"cell":1,"key":"future","a":1}');
  });

  it('refuses_an_unknown_language', () => {
    expect(() => describeNote({ cell: 1, key: 'cellMagic', magic: '%%time' }, 'fr')).toThrow('lang should be one of en, de, but got "fr"');
  });
});

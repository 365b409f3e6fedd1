// The command's own words (help, usage errors, init's lines, page's errors)
// follow the same language as its reports: --lang de|en, else the locale.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePort } from '../../bin/page.js';
import { endOfInputKeys } from '../../bin/text-input.js';
import { CLI_WORDS, cliSay, commandLang } from '../../bin/words.js';
import { cli } from './run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'poolgrad-lang-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const GERMAN = { LANG: 'de_DE.UTF-8' };

describe('the command speaks German when the locale or --lang says so', () => {
  it('help_in_german_under_LANG_de', async () => {
    const r = await cli(['--help'], { env: GERMAN });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Aufruf:');
    expect(r.stdout).toContain('schreibt die Vorlage für deine Lösung');
    expect(r.stdout).not.toContain('Usage:');
  });

  it('help_in_english_without_a_german_locale', async () => {
    const r = await cli(['--help']);
    expect(r.stdout).toContain('Usage:');
    expect(r.stdout).not.toContain('Aufruf:');
  });

  it('usage_error_in_german_exits_with_2', async () => {
    const r = await cli(['check', join(work, 'nope.mjs')], { env: GERMAN });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`poolgrad: Datei nicht gefunden: ${join(work, 'nope.mjs')}\nsiehe poolgrad --help\n`);
    expect(r.stdout).toBe('');
  });

  it('bad_seed_in_german_names_the_option_and_the_value', async () => {
    const r = await cli(['check', 'x.mjs', '--seed', 'abc'], { env: { LC_ALL: 'de_AT.UTF-8' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--seed muss eine ganze Zahl ≥ 0 sein, aber es kam "abc"');
  });

  it('unknown_option_in_german_prints_the_german_help', async () => {
    const r = await cli(['check', '--frob'], { env: GERMAN });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unbekannte Option --frob');
    expect(r.stderr).toContain('Aufruf:');
  });

  it('lang_en_overrides_LANG_de_even_when_it_comes_after_the_error', async () => {
    const r = await cli(['init', 'a.mjs', 'b.mjs', '--lang', 'en'], { env: GERMAN, cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('poolgrad: init takes at most one file, but got also b.mjs\nsee poolgrad --help\n');
  });

  it('lang_de_overrides_an_english_locale', async () => {
    const r = await cli(['--lang', 'de', 'init', join(work, 'learner.mjs')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('learner.mjs geschrieben; füll die Funktionen aus');
    const again = await cli(['--lang', 'de', 'init', join(work, 'learner.mjs')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('gibt es schon; mit --force überschreibst du sie');
  });

  it('a_bad_lang_value_is_reported_in_the_locale_language', async () => {
    const r = await cli(['--lang', 'fr', '--help'], { env: GERMAN });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--lang muss de oder en sein, aber es kam "fr"');
  });

  it('page_usage_error_in_german', async () => {
    const r = await cli(['page', '--port', '70000'], { env: GERMAN });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port muss eine ganze Zahl von 0 bis 65535 sein, aber es kam "70000"');
  });
});

describe('the words themselves', () => {
  it('english_and_german_have_the_same_keys_and_placeholders', () => {
    expect(Object.keys(CLI_WORDS.de).sort()).toEqual(Object.keys(CLI_WORDS.en).sort());
    const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(CLI_WORDS.en)) expect(placeholders(CLI_WORDS.de[key]), key).toEqual(placeholders(CLI_WORDS.en[key]));
  });

  it('commandLang_follows_pickLang_and_a_valid_lang_anywhere_on_the_line', () => {
    expect(commandLang(['check', 'x'], { LANG: 'de_CH.UTF-8' })).toBe('de');
    expect(commandLang(['check', 'x'], { LANG: 'en_US.UTF-8', LC_ALL: 'de_DE' })).toBe('de');
    expect(commandLang(['check', 'x'], { LANG: 'dev' })).toBe('en');
    expect(commandLang(['check', '--lang', 'en'], { LANG: 'de_DE' })).toBe('en');
    expect(commandLang(['--lang', 'fr'], { LANG: 'de_DE' })).toBe('de');
    expect(commandLang(['--lang'], {})).toBe('en');
  });

  it('german_end_of_input_keys_and_port_errors', () => {
    expect(endOfInputKeys('linux', 'de')).toBe('Strg-D');
    expect(endOfInputKeys('win32', 'de')).toBe('Strg-Z, dann Enter');
    expect(parsePort(undefined, 'de').error).toBe('--port braucht eine Zahl: --port 8080 (0 nimmt einen freien Port)');
    expect(cliSay('de', 'answers.paste', { keys: 'Strg-D' })).toBe('füge die Ausgabe des Notebooks ein, dann Strg-D:');
  });

  it('an_unknown_key_is_an_error_not_a_silent_blank', () => {
    expect(() => cliSay('de', 'no.such.key')).toThrow(/no text for "no.such.key"/);
  });
});

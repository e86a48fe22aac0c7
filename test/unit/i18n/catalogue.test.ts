import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../server/contract/locale.ts';
import { catalogueProblems, type Catalogue } from '../../support/catalogue.ts';

const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8')) as {
  locales: string[];
  'plugin.inlang.messageFormat': { pathPattern: string[] };
};

function readCatalogue(): Catalogue {
  const areas = readdirSync('messages', { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return Object.fromEntries(
    areas.map((area) => [
      area.name,
      Object.fromEntries(
        readdirSync(path.join('messages', area.name))
          .filter((file) => file.endsWith('.json'))
          .map((file) => [
            file.replace(/\.json$/, ''),
            JSON.parse(readFileSync(path.join('messages', area.name, file), 'utf8')) as Record<string, unknown>,
          ]),
      ),
    ]),
  );
}

describe('the message catalogue', () => {
  it('has every message in every language, with the same inputs, under its area’s prefix, once', () => {
    expect(catalogueProblems(readCatalogue(), LOCALES)).toEqual([]);
  });

  it('compiles every area: each folder of messages/ is a path of the project settings', () => {
    const areas = readdirSync('messages', { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `./messages/${entry.name}/{locale}.json`);
    expect(settings['plugin.inlang.messageFormat'].pathPattern).toEqual(expect.arrayContaining(areas));
    expect([...settings.locales].sort()).toEqual([...LOCALES].sort());
  });

  it('reports a message missing from one language, an input that differs and a Polish plural without its forms', () => {
    const plural = (match: Record<string, string>) => [
      { declarations: ['input count', 'local countPlural = count: plural'], selectors: ['countPlural'], match },
    ];
    const problems = catalogueProblems(
      {
        board: {
          en: {
            board_title: 'Board',
            board_wait: 'Wait {sec} s',
            board_calls: plural({ 'countPlural=one': 'call', 'countPlural=*': 'calls' }),
          },
          pl: {
            board_wait: 'Czekaj {seconds} s',
            board_calls: plural({ 'countPlural=one': 'połączenie', 'countPlural=*': 'połączeń' }),
            login_title: 'Zaloguj',
          },
        },
      },
      ['en', 'pl'],
    );
    expect(problems).toEqual([
      'board/en.json lacks login_title',
      'board/pl.json lacks board_title',
      'board/pl.json: login_title does not start with board_',
      'board_wait: the inputs differ between languages (en: sec; pl: seconds)',
      'board/pl.json: board_calls lacks the plural forms few, many',
    ]);
  });
});

/**
 * The rules of the message catalogue (messages/<area>/<locale>.json), checked by test/unit/i18n/catalogue.test.ts:
 * every message exists in every language, its inputs are the same in each, its key starts with its area
 * (`board_…` in messages/board), no key is in two areas, and a plural in Polish has each of its forms.
 */
export type Catalogue = Record<string, Record<string, Record<string, unknown>>>;

interface Variant {
  declarations?: string[];
  selectors?: string[];
  match?: Record<string, string>;
}

/** The plural categories (Intl.PluralRules) a language's plural messages must have; `*` stands for other. */
const PLURAL_FORMS: Record<string, readonly string[]> = { pl: ['one', 'few', 'many'], en: ['one'] };

export function catalogueProblems(catalogue: Catalogue, locales: readonly string[]): string[] {
  const problems: string[] = [];
  const areaOfKey = new Map<string, string>();
  for (const [area, files] of Object.entries(catalogue)) {
    const keysOf = (locale: string) => Object.keys(files[locale] ?? {}).filter((key) => key !== '$schema');
    const all = new Set(locales.flatMap(keysOf));
    for (const locale of locales) {
      for (const key of all) if (!keysOf(locale).includes(key)) problems.push(`${area}/${locale}.json lacks ${key}`);
    }
    for (const locale of locales) {
      for (const key of keysOf(locale)) {
        if (!key.startsWith(`${area}_`)) problems.push(`${area}/${locale}.json: ${key} does not start with ${area}_`);
      }
    }
    for (const key of all) {
      const other = areaOfKey.get(key);
      if (other !== undefined && other !== area) problems.push(`${key} is in both ${other} and ${area}`);
      areaOfKey.set(key, area);
      const inputs = locales.map((locale) => [locale, inputsOf(files[locale]?.[key])] as const);
      const shown = inputs.map(([locale, names]) => `${locale}: ${names.join(', ') || '—'}`);
      if (new Set(inputs.map(([, names]) => names.join())).size > 1) {
        problems.push(`${key}: the inputs differ between languages (${shown.join('; ')})`);
      }
      for (const locale of locales) {
        const missing = missingPluralForms(files[locale]?.[key], PLURAL_FORMS[locale] ?? []);
        if (missing.length > 0)
          problems.push(`${area}/${locale}.json: ${key} lacks the plural forms ${missing.join(', ')}`);
      }
    }
  }
  return problems;
}

function variantsOf(message: unknown): Variant[] {
  return Array.isArray(message) ? (message as Variant[]) : [];
}

/** The names a message reads: declared inputs and `{placeholders}`, locals excluded, sorted. */
function inputsOf(message: unknown): string[] {
  const names = new Set<string>();
  const patterns = typeof message === 'string' ? [message] : [];
  const locals = new Set<string>();
  for (const variant of variantsOf(message)) {
    for (const declaration of variant.declarations ?? []) {
      const input = /^input\s+(\w+)/.exec(declaration)?.[1];
      const local = /^local\s+(\w+)/.exec(declaration)?.[1];
      if (input) names.add(input);
      if (local) locals.add(local);
    }
    patterns.push(...Object.values(variant.match ?? {}));
  }
  for (const pattern of patterns) {
    for (const [, name] of pattern.replace(/\\[{}\\]/g, '').matchAll(/\{\s*(\w+)\s*\}/g)) {
      if (name && !locals.has(name)) names.add(name);
    }
  }
  return [...names].sort();
}

/** The forms a plural message lacks in a language, from its selectors declared `: plural`. */
function missingPluralForms(message: unknown, forms: readonly string[]): string[] {
  const missing = new Set<string>();
  for (const variant of variantsOf(message)) {
    const plurals = (variant.declarations ?? []).flatMap(
      (declaration) => /^local\s+(\w+)\s*=\s*\w+\s*:\s*plural\b(?!.*type=ordinal)/.exec(declaration)?.[1] ?? [],
    );
    const conditions = Object.keys(variant.match ?? {}).map((condition) => condition.replace(/\s+/g, ''));
    for (const selector of plurals) {
      for (const form of forms) {
        if (!conditions.some((condition) => condition.split(',').includes(`${selector}=${form}`))) missing.add(form);
      }
    }
  }
  return [...missing];
}

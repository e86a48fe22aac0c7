import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { literalsOf as literalsOfSource } from '../../support/svelte-literals.ts';

const literalsOf = (file: string) => literalsOfSource(readFileSync(file, 'utf8'));

/**
 * Components not yet speaking through the message catalogue. This list only shrinks: translate a component, then take
 * it off (the test fails while a listed file has no literal left).
 */
const NOT_YET_TRANSLATED: readonly string[] = [];

const components = (readdirSync('web', { recursive: true }) as string[])
  .filter((file) => file.endsWith('.svelte'))
  .map((file) => `web/${file.replaceAll('\\', '/')}`)
  .sort();

describe('every word a component shows comes from the message catalogue', () => {
  it('finds no literal text in a translated component', () => {
    const offending = components
      .filter((file) => !NOT_YET_TRANSLATED.includes(file))
      .flatMap((file) => literalsOf(file).map(({ line, text }) => `${file}:${line}: ${text}`));
    expect(offending, 'put these words in messages/<area>/{en,pl}.json and show them with m.<key>()').toEqual([]);
  });

  it('lists as untranslated only components that still have literal text', () => {
    const done = NOT_YET_TRANSLATED.filter((file) => !components.includes(file) || literalsOf(file).length === 0);
    expect(done, 'take these off NOT_YET_TRANSLATED').toEqual([]);
  });

  it('sees text, read attributes and quoted phrases, not symbols or values', () => {
    const found = literalsOfSource(SAMPLE).map(({ text }) => text);
    expect(found).toEqual(['Waiting callers', 'Search agents', 'Saving…', 'Save', 'Queue', 'left', 'px']);
  });
});

const SAMPLE = `<script lang="ts">
  let { busy, count } = $props();
  const note = 'Not shown as such';
</script>

<h2>Waiting callers</h2>
<input placeholder="Search agents" class="search wide" />
<button aria-current={busy ? 'page' : undefined} onkeydown={(e) => e.key === 'Enter'}>{busy ? 'Saving…' : 'Save'}</button>
<Child label="Queue" kind="tiles" />
<p>{\`\${count} left\`} — {m.common_connecting()} · 42 % +</p>
<span>px</span>

<style>
  p {
    color: red;
  }
</style>
`;

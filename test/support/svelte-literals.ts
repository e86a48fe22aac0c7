import { parse } from 'svelte/compiler';

/**
 * Words a Svelte component shows that do not come from the message catalogue: text between tags, the value of an
 * attribute people read (aria-label, title, placeholder, alt, and any `label` or `…label`/`…title`/`…text` handed to
 * a component), a quoted phrase inside a template expression (`{busy ? 'Saving…' : 'Save'}`) and the words of a
 * template string (` left` in `${count} left`, not `tone-` in a class name). Symbols, digits and punctuation are not words; nor is a single lowercase word in quotes, which is a
 * value (`'page'`), not text.
 */
export interface Literal {
  line: number;
  text: string;
}

const READ_ATTRIBUTE = /^(aria-label|aria-description|title|placeholder|alt|label|[a-z]+(Label|Title|Text))$/;
const HAS_LETTER = /\p{L}/u;

interface Node {
  type: string;
  start: number;
  [key: string]: unknown;
}

export function literalsOf(source: string): Literal[] {
  const found: Literal[] = [];
  const lineOf = (at: number): number => source.slice(0, at).split('\n').length;
  const add = (at: number, text: string): void => {
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (HAS_LETTER.test(trimmed)) found.push({ line: lineOf(at), text: trimmed });
  };
  const ast = parse(source, { modern: true });
  visit(ast.fragment as unknown as Node, (node, parent) => {
    if (node.type === 'Text' && parent?.type === 'Fragment') add(node.start, node.data as string);
    if (node.type === 'Attribute' && READ_ATTRIBUTE.test(node.name as string) && Array.isArray(node.value)) {
      for (const part of node.value as Node[]) if (part.type === 'Text') add(part.start, part.data as string);
    }
    // A string compared with (`event.key === 'Enter'`) is a value the code tests, not a word it shows.
    const compared = parent?.type === 'BinaryExpression' && /^[!=]==?$/.test(parent.operator as string);
    if (node.type === 'Literal' && typeof node.value === 'string' && isPhrase(node.value) && !compared) {
      add(node.start, node.value);
    }
    if (node.type === 'TemplateElement') {
      const cooked = (node.value as { cooked?: string }).cooked ?? '';
      if (isPhrase(cooked) || /\s\p{L}|\p{L}\s/u.test(cooked)) add(node.start, cooked);
    }
  });
  return found;
}

/** A phrase rather than a value: two words, or a capitalised word (`'Save'`, `'Saving…'`). */
function isPhrase(text: string): boolean {
  const trimmed = text.trim();
  return HAS_LETTER.test(trimmed) && (/\p{L}\s+\p{L}/u.test(trimmed) || /^\p{Lu}\p{Ll}/u.test(trimmed));
}

/** Every node under `node`, with its parent; attribute names and CSS are skipped. */
function visit(node: Node, see: (node: Node, parent: Node | undefined) => void, parent?: Node): void {
  see(node, parent);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'name_loc' || key === 'css' || key === 'metadata') continue;
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (child && typeof child === 'object' && typeof (child as Node).type === 'string')
        visit(child as Node, see, node);
    }
  }
}

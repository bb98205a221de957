/**
 * The shape ARCHITECTURE.md promises, held: no circle of imports among the source files (static,
 * type-only or lazy `import()`), and a core that imports nothing but the core and node:crypto.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const src = join(root, 'src');

/** Every specifier a file imports or re-exports, in any of the forms TypeScript accepts. */
const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function specifiers(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

/** Relative imports as source files (`./x.js` is `./x.ts`). */
function graph(): Map<string, string[]> {
  return new Map(
    sourceFiles(src).map((file) => [
      relative(root, file),
      specifiers(file)
        .filter((s) => s.startsWith('.'))
        .map((s) => relative(root, normalize(join(dirname(file), s.replace(/\.js$/, '.ts'))))),
    ]),
  );
}

/** The strongly connected components of more than one file, or a file importing itself. */
function circles(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the import graph of src/', () => {
  it('has no circle of imports', () => {
    const edges = graph();
    expect(edges.size).toBeGreaterThan(100);
    expect(circles(edges)).toEqual([]);
  });

  it('finds a circle where there is one (the check itself)', () => {
    const edges = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(circles(edges)).toEqual([['a', 'b', 'c']]);
  });

  it('keeps the core pure: it imports only the core and node:crypto', () => {
    const outside = sourceFiles(join(src, 'core')).flatMap((file) =>
      specifiers(file)
        .filter((s) => (s.startsWith('.') ? !normalize(join(dirname(file), s)).startsWith(join(src, 'core')) : s !== 'node:crypto'))
        .map((s) => `${relative(root, file)}: ${s}`),
    );
    expect(outside).toEqual([]);
  });
});

/**
 * YAML aliases in a file being edited. An alias (`L-2: *a`) is the very node its anchor names
 * (`L-1: &a`), so changing one criterion's answer in place would change every criterion that
 * shares it, and replacing an anchored node would leave the aliases to it naming nothing. Before
 * an entry is edited it is made its own: every alias inside it, or on the way to it, is replaced
 * by a copy of what it names, and every alias elsewhere naming a node inside it (or one of the
 * mappings holding it) gets a copy of its own, so each reads as it did and only the entry asked
 * for changes. Those entries are rewritten too, with the same meaning, and named to the caller.
 */
import { isAlias, isCollection, isDocument, isNode, isPair, isSeq, Pair, visit, type Alias, type Document, type Node } from 'yaml';
import type { YamlSource } from './yaml-source.js';

interface AliasSite {
  alias: Alias;
  /** The node it names: the last node before it with that anchor. */
  names: Node | undefined;
  /** Its ancestors, the document first (as `visit` gives them). */
  ancestors: readonly unknown[];
}

/**
 * Makes the entry at `path` (e.g. ['responses', 'L-1']) share no node with any other part of
 * the document. Returns the key paths of the other entries that shared with it and now hold
 * their own copy, unchanged in meaning.
 */
export function unshareEntry(source: YamlSource, path: readonly string[]): string[][] {
  const doc = source.doc;
  if (!hasAliases(doc)) return [];
  const others = new Map<string, string[]>();
  for (let depth = 1; depth <= path.length; depth++) {
    const prefix = path.slice(0, depth);
    const node = doc.getIn(prefix, true);
    if (!isNode(node)) break;
    const whole = depth === path.length;
    // For a mapping on the way, only the mapping itself is shared (an entry added to it would show
    // in its aliases); for the entry, everything inside it.
    const inside = whole ? nodesWithin(node) : new Set<unknown>([node]);
    const all = aliasSites(doc);
    const sites = all.filter((site) => inside.has(site.alias) || (site.names !== undefined && inside.has(site.names)));
    if (!sites.length) continue;
    // Every copy made before any is put in place: what an alias names depends on where it stands.
    const copies = sites.map((site) => copyOf(site.alias, all));
    sites.forEach((site, i) => replaceAt(doc, site, copies[i]!));
    for (const site of sites) {
      if (inside.has(site.alias)) continue;
      const at = entryPath(site.ancestors);
      if (at.length) others.set(JSON.stringify(at), at);
    }
    source.markEdited(prefix.slice(0, -1), prefix[prefix.length - 1]!);
    for (const at of others.values()) source.markEdited(at.slice(0, -1), at[at.length - 1]!);
    if (whole) for (const n of nodesWithin(doc.getIn(prefix, true))) if (isNode(n) && !isAlias(n)) delete (n as { anchor?: string }).anchor;
  }
  return [...others.values()];
}

function hasAliases(doc: Document): boolean {
  let found = false;
  visit(doc, {
    Alias: () => {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

/** Every alias in the document, with what it names and where it is. */
function aliasSites(doc: Document): AliasSite[] {
  const anchors = new Map<string, Node>();
  const sites: AliasSite[] = [];
  visit(doc, {
    Node: (_key, node, ancestors) => {
      if (isAlias(node)) sites.push({ alias: node, names: anchors.get(node.source), ancestors: [...ancestors] });
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return sites;
}

function nodesWithin(root: unknown): Set<unknown> {
  const nodes = new Set<unknown>([root]);
  if (isNode(root)) visit(root, { Node: (_key, node) => void nodes.add(node) });
  return nodes;
}

/** A copy of what `node` is (an alias followed to what it names), with no anchors or aliases left in it. */
function copyOf(node: Node, sites: readonly AliasSite[]): Node {
  if (isAlias(node)) {
    const names = sites.find((site) => site.alias === node)?.names;
    // The document read as data, so every alias names a node (an unresolved one was refused then).
    if (!names) throw new Error(`YAML alias *${node.source} names no anchor`);
    return copyOf(names, sites);
  }
  const copy = node.clone() as Node & { anchor?: string };
  delete copy.anchor;
  if (isCollection(node) && isCollection(copy)) {
    copy.items = node.items.map((item: unknown) =>
      isPair(item) ? new Pair(copyItem(item.key, sites), copyItem(item.value, sites)) : copyItem(item, sites),
    ) as typeof copy.items;
  }
  return copy;
}

function copyItem(item: unknown, sites: readonly AliasSite[]): unknown {
  return isNode(item) ? copyOf(item, sites) : item;
}

/** Puts `copy` where the alias was. */
function replaceAt(doc: Document, site: AliasSite, copy: Node): void {
  const parent = site.ancestors[site.ancestors.length - 1];
  if (isPair(parent)) {
    if (parent.key === site.alias) parent.key = copy;
    if (parent.value === site.alias) parent.value = copy;
  } else if (isSeq(parent)) {
    const at = parent.items.indexOf(site.alias);
    if (at >= 0) parent.items[at] = copy;
  } else if (isDocument(parent)) {
    doc.contents = copy;
  }
}

/** The keys down to the entry holding an alias: the nearest mapping entry not inside a list. */
function entryPath(ancestors: readonly unknown[]): string[] {
  const keys: string[] = [];
  for (const ancestor of ancestors) {
    if (isSeq(ancestor)) break;
    if (isPair(ancestor)) keys.push(String(isNode(ancestor.key) && 'value' in ancestor.key ? ancestor.key.value : ancestor.key));
  }
  return keys;
}

/**
 * The running package as an npm tarball, so that `audit init --vendor` can put this very
 * version into a repository, to be installed with no registry (`npm install -g ./x.tgz`).
 *
 * It holds what `npm pack` put in the package: package.json, the README and licence, and the
 * folders package.json's `files` names, read from the package root whether audit runs from an
 * installed package or a built checkout. The manifest drops what only building needs (scripts,
 * devDependencies): installing needs no build, and npm warns of a package with a `prepare`
 * script. Entries are in name order with a fixed date, so one version always gives the same bytes.
 */
import { readdir, readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packagePath } from './package-info.js';

/** The date npm gives every file it packs (1985-10-26T08:15:00Z), for reproducible tarballs. */
const PACKED_MTIME = 499162500;

interface Manifest {
  name: string;
  version: string;
  files?: string[];
  [key: string]: unknown;
}

/** The file name npm gives a tarball of this package: safeguarding-audit-0.1.0.tgz. */
export async function packageTarballName(): Promise<string> {
  const manifest = await readManifest();
  return `${manifest.name.replace(/^@/, '').replace(/\//g, '-')}-${manifest.version}.tgz`;
}

/** The tarball's bytes (gzipped tar, every entry under `package/`, as npm makes them). */
export async function packPackage(): Promise<Uint8Array> {
  const manifest = await readManifest();
  const { scripts: _scripts, devDependencies: _dev, ...installed } = manifest;
  const entries: { name: string; data: Uint8Array }[] = [{ name: 'package.json', data: Buffer.from(`${JSON.stringify(installed, null, 2)}\n`) }];
  const top = await readdir(packagePath());
  const always = top.filter((name) => /^(readme|licen[cs]e|notice)(\.|$)/i.test(name));
  for (const name of [...always, ...(manifest.files ?? [])].sort()) {
    for (const file of await filesUnder(name)) entries.push({ name: file, data: await readFile(packagePath(file)) });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const blocks: Uint8Array[] = [];
  for (const entry of entries) blocks.push(tarHeader(`package/${entry.name}`, entry.data.length), entry.data, padding(entry.data.length));
  blocks.push(new Uint8Array(1024)); // two empty blocks end the archive
  return gzipSync(Buffer.concat(blocks), { level: 9 });
}

async function readManifest(): Promise<Manifest> {
  return JSON.parse(await readFile(packagePath('package.json'), 'utf8')) as Manifest;
}

/** Every file at or under `name` (a path from the package root, `/`-separated), in name order. */
async function filesUnder(name: string): Promise<string[]> {
  const entries = await readdir(packagePath(name), { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOTDIR') return undefined;
    throw err;
  });
  if (entries === undefined) return [name];
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = posix.join(name, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** A ustar header for a regular file (mode 644, as npm packs); long names use the prefix field. */
function tarHeader(path: string, size: number): Uint8Array {
  let name = path;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const at = [...path.matchAll(/\//g)].map((m) => m.index!).find((i) => Buffer.byteLength(path.slice(i + 1)) <= 100 && Buffer.byteLength(path.slice(0, i)) <= 155);
    if (at === undefined) throw new Error(`${path}: the name is too long for a tar entry`);
    prefix = path.slice(0, at);
    name = path.slice(at + 1);
  }
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => header.write(value, offset, length, 'utf8');
  const octal = (offset: number, length: number, value: number) => field(offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
  field(0, 100, name);
  octal(100, 8, 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, PACKED_MTIME);
  field(148, 8, '        '); // the checksum counts its own field as spaces
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  field(345, 155, prefix);
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}

function padding(size: number): Uint8Array {
  return new Uint8Array((512 - (size % 512)) % 512);
}

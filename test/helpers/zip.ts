/**
 * ZIP archives built by hand, for workbooks no honest program writes: parts that lie about their
 * size, parts added to a real workbook, a sheet of a million rows.
 */
import { deflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { crc32, ZipArchive } from '../../src/io/zip-archive.js';

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** A size to declare instead of the true one. */
  declaredSize?: number;
  stored?: boolean;
}

export function buildZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const body = entry.stored ? entry.data : deflateRawSync(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const crc = crc32(entry.data);
    const header = (central: boolean) => {
      const b = Buffer.alloc(central ? 46 : 30);
      b.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
      const o = central ? 2 : 0;
      b.writeUInt16LE(20, 4 + o);
      b.writeUInt16LE(entry.stored ? 0 : 8, 8 + o);
      b.writeUInt32LE(crc, 14 + o);
      b.writeUInt32LE(body.length, 18 + o);
      b.writeUInt32LE(size, 22 + o);
      b.writeUInt16LE(name.length, 26 + o);
      if (central) b.writeUInt32LE(offset, 42);
      return b;
    };
    locals.push(header(false), name, body);
    centrals.push(header(true), name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Every part of a real workbook, to be changed and built again. */
export function workbookParts(file: string): ZipEntry[] {
  const archive = ZipArchive.open(readFileSync(file), { entries: 1000, partBytes: 1e8, totalBytes: 1e9 });
  return archive.names().map((name) => ({ name, data: archive.read(name)! }));
}

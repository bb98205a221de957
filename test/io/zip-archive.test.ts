import { describe, expect, it } from 'vitest';
import { crc32, writeZip, ZipArchive } from '../../src/io/zip-archive.js';

describe('the ZIP archives of workbooks', () => {
  it('checks parts with the CRC-32 that ZIP uses', () => {
    // The check value of CRC-32/ISO-HDLC, the ZIP variant.
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('reads back what it writes, stored or deflated, and refuses a part whose checksum is wrong', () => {
    const parts = new Map([
      ['xl/workbook.xml', Buffer.from('<workbook/>'.repeat(1000))],
      ['[Content_Types].xml', Buffer.from('<Types/>')],
    ]);
    for (const deflate of [false, true]) {
      const bytes = writeZip(parts, { deflate });
      const archive = ZipArchive.open(bytes, { entries: 10, partBytes: 1 << 20, totalBytes: 1 << 20 });
      expect(archive.read('xl/workbook.xml')).toEqual(parts.get('xl/workbook.xml'));
    }
    const stored = writeZip(parts, { deflate: false });
    const first = 30 + 'xl/workbook.xml'.length; // the first byte of the first part's data
    stored[first] = stored[first]! ^ 1;
    const damaged = ZipArchive.open(stored, { entries: 10, partBytes: 1 << 20, totalBytes: 1 << 20 });
    expect(() => damaged.read('xl/workbook.xml')).toThrow(/checksum/);
  });
});

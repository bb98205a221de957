import { describe, expect, it } from 'vitest';
import { arrangeEditions, isFileNameVersion, nameClaim, parseEditionRef, type EditionFile } from '../../src/core/editions.js';

const edition = (stem: string, id: string, version: string, extra: Partial<EditionFile> = {}): EditionFile => ({
  id,
  version,
  dir: '/lib',
  stem,
  file: `/lib/${stem}.yaml`,
  ...extra,
});

describe('edition references', () => {
  it('reads id@version, and an id alone as the current edition', () => {
    expect(parseEditionRef('section-11@2007-2018')).toEqual({ id: 'section-11', version: '2007-2018' });
    expect(parseEditionRef('section-11')).toEqual({ id: 'section-11' });
    expect(parseEditionRef('x@2023 (updated Feb 2024)')).toEqual({ id: 'x', version: '2023 (updated Feb 2024)' });
  });

  it('puts only plain versions in file names', () => {
    expect(isFileNameVersion('2007-2018')).toBe(true);
    expect(isFileNameVersion('2.1_draft')).toBe(true);
    for (const version of ['2023 (updated Feb 2024)', '../x', 'a/b', '.hidden', '']) expect(isFileNameVersion(version)).toBe(false);
  });

  it('reads what a file name claims', () => {
    expect(nameClaim(edition('s11', 's11', '2'))).toBe('current');
    expect(nameClaim(edition('s11@1', 's11', '1'))).toBe('earlier');
    expect(nameClaim(edition('ours-2024', 's11', '1'))).toBe('none');
    expect(nameClaim(edition('s11@2', 's11', '1'))).toBe('mismatch');
    expect(nameClaim(edition('other@1', 's11', '1'))).toBe('mismatch');
  });
});

describe('arrangeEditions', () => {
  it('takes the file named <id> as current and <id>@<version> as earlier, as the bundled library is laid out', () => {
    const { sets, faults } = arrangeEditions([edition('s11', 's11', '3'), edition('s11@1', 's11', '1'), edition('s11@2', 's11', '2')]);
    expect(faults).toEqual([]);
    expect(sets).toHaveLength(1);
    expect(sets[0]!.current.version).toBe('3');
    expect(sets[0]!.earlier.map((e) => e.version)).toEqual(['2', '1']);
  });

  it('lets supersedes decide under any file names, and orders earlier editions along it', () => {
    const { sets, faults } = arrangeEditions([
      edition('ours-a', 'ours', '2024'),
      edition('ours-b', 'ours', '2026', { supersedes: '2025' }),
      edition('ours-c', 'ours', '2025', { supersedes: '2024' }),
    ]);
    expect(faults).toEqual([]);
    expect(sets[0]!.current.version).toBe('2026');
    expect(sets[0]!.earlier.map((e) => e.version)).toEqual(['2025', '2024']);
  });

  it('needs nothing for a framework of one edition', () => {
    const { sets, faults } = arrangeEditions([edition('anything', 'ours', 'v1')]);
    expect(faults).toEqual([]);
    expect(sets[0]!.current.version).toBe('v1');
  });

  it('faults two editions claiming to be current, naming both files', () => {
    const { sets, faults } = arrangeEditions([edition('ours-a', 'ours', '1'), edition('ours-b', 'ours', '2')]);
    expect(sets).toEqual([]);
    expect(faults).toEqual([
      {
        file: '/lib/ours-b.yaml',
        message:
          '2 editions of ours claim to be current: 1 (/lib/ours-a.yaml), 2 (/lib/ours-b.yaml). Name the earlier ones ours@<version>.yaml, or give the current one "supersedes: <version>" of the edition it replaces',
      },
    ]);
  });

  it('faults one id and version in two files, and editions of one framework in two directories', () => {
    const { faults } = arrangeEditions([
      edition('ours', 'ours', '1'),
      edition('copy', 'ours', '1'),
      edition('ours@0', 'ours', '0', { dir: '/other', file: '/other/ours@0.yaml' }),
    ]);
    expect(faults.map((f) => f.message)).toEqual([
      'edition 1 of ours is also in /lib/ours.yaml; keep one',
      'ours also has an edition in another directory (/lib/ours.yaml); keep every edition of a framework in one directory',
    ]);
  });

  it('faults a name that disagrees with its content, a current name superseded, and no current edition', () => {
    expect(arrangeEditions([edition('ours@2', 'ours', '1')]).faults[0]!.message).toBe(
      'its name says ours@2, but it holds edition 1 of ours; name it ours@1.yaml, or without "@"',
    );
    const superseded = arrangeEditions([edition('ours', 'ours', '1'), edition('new', 'ours', '2', { supersedes: '1' })]);
    expect(superseded.faults[0]!.message).toBe(
      'it supersedes edition 1 of ours, but /lib/ours.yaml is named as the current edition; name that file ours@1.yaml',
    );
    const cycle = arrangeEditions([edition('a', 'ours', '1', { supersedes: '2' }), edition('b', 'ours', '2', { supersedes: '1' })]);
    expect(cycle.faults[0]!.message).toMatch(/^no edition of ours is current/);
  });
});

import { describe, expect, it } from 'vitest';
import { groupAccesses, type AccessLike } from './access-groups';

const read = (at: string, purpose = 'verification', extra: Partial<AccessLike> = {}): AccessLike & { id: string } => ({
  id: `${at}-${purpose}`,
  at: `2026-12-02T${at}:00.000Z`,
  purpose,
  accessorKind: 'system',
  client: 'MotCua',
  agency: null,
  dossierId: null,
  ...extra,
});

describe('groupAccesses', () => {
  it('the five verification reads of one login are one entry; other reads stay apart, in order', () => {
    const login = ['09:00', '09:00', '09:00', '09:00', '08:59'].map((t) => read(t));
    const prefill = read('09:05', 'prefill');
    const groups = groupAccesses([prefill, ...login]);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toEqual({ kind: 'single', item: prefill });
    expect(groups[1].kind === 'verification' && groups[1].items).toEqual(login);
  });

  it('two logins an hour apart are two entries; a lone verification read is a plain entry', () => {
    const groups = groupAccesses([read('10:00'), read('10:00'), read('09:00')]);
    expect(groups.map((g) => (g.kind === 'verification' ? g.items.length : 'single'))).toEqual([2, 'single']);
  });

  it('reads by another agency or for a dossier are not merged into the login group', () => {
    const officer = read('09:00', 'verification', { accessorKind: 'officer', agency: { id: 'a1' } });
    const forDossier = read('09:00', 'verification', { dossierId: 'd1' });
    const groups = groupAccesses([read('09:00'), officer, forDossier, read('09:00')]);
    expect(groups.map((g) => g.kind)).toEqual(['single', 'single', 'single', 'single']);
    expect(groupAccesses([])).toEqual([]);
  });
});

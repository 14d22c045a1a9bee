import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../generator/core/suggest.js';

describe('did-you-mean suggestions', () => {
  it('counts the usual typos as one edit', () => {
    expect(editDistance('base', 'bsae')).toBe(1);
    expect(editDistance('namespace', 'namespce')).toBe(1);
    expect(editDistance('dependsOn', 'dependOn')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  it('suggests the closest key and nothing when nothing is close', () => {
    expect(closest('hots', ['host', 'basicAuthSecret'])).toBe('host');
    expect(closest('externalCa', ['externalCA', 'issuer'])).toBe('externalCA');
    expect(closest('zzz', ['host', 'port'])).toBeUndefined();
  });
});

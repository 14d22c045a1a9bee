import { describe, expect, it } from 'vitest';
import { joinPorts, meshAnnotations, portsInclude } from '../../generator/mesh/annotations.js';
import { escapePointerSegment } from '../../generator/model/source.js';
import { mergeEntries, mergeUnder, type KeptValue } from '../../generator/mesh/values.js';
import { mesh } from './helpers.js';

describe('annotation helpers', () => {
  it('joins port lists in order without duplicates', () => {
    expect(joinPorts(['443'], ['9000', '443', ' 25 '])).toBe('443,9000,25');
    expect(joinPorts([], [])).toBe('');
  });

  it('finds a port in lists and ranges', () => {
    expect(portsInclude('80,443', 443)).toBe(true);
    expect(portsInclude('400-500', 443)).toBe(true);
    expect(portsInclude('4430,8443', 443)).toBe(false);
    expect(portsInclude('', 443)).toBe(false);
  });

  it('builds inject, skip and proxy annotations as strings', () => {
    expect(meshAnnotations('enabled', mesh('workloads', { skipInboundPorts: ['4567', '4568'], proxy: { 'proxy-log-level': 'warn', 'proxy-cpu-request': '20m' } }))).toEqual({
      'linkerd.io/inject': 'enabled',
      'config.linkerd.io/skip-inbound-ports': '4567,4568',
      'config.linkerd.io/proxy-cpu-request': '20m',
      'config.linkerd.io/proxy-log-level': 'warn',
    });
  });

  it('escapes JSON pointer segments', () => {
    expect(escapePointerSegment('linkerd.io/inject')).toBe('linkerd.io~1inject');
    expect(escapePointerSegment('a~b')).toBe('a~0b');
  });
});

describe('merging under the operator values', () => {
  it('adds missing keys and keeps existing ones, recording differences', () => {
    const kept: KeptValue[] = [];
    const root: Record<string, unknown> = { a: { podAnnotations: { 'linkerd.io/inject': 'disabled', x: '1' } } };
    mergeEntries(root, ['a', 'podAnnotations'], { 'linkerd.io/inject': 'enabled', y: '2', x: '1' }, kept);
    expect(root).toEqual({ a: { podAnnotations: { 'linkerd.io/inject': 'disabled', x: '1', y: '2' } } });
    expect(kept).toEqual([{ in: 'values', where: 'a.podAnnotations', key: 'linkerd.io/inject', kept: 'disabled', wanted: 'enabled' }]);
  });

  it('does not write through a non-map value', () => {
    const kept: KeptValue[] = [];
    const root: Record<string, unknown> = { podAnnotations: 'oops' };
    mergeEntries(root, ['podAnnotations'], { 'linkerd.io/inject': 'enabled' }, kept);
    expect(root).toEqual({ podAnnotations: 'oops' });
    expect(kept).toHaveLength(1);
  });

  it('deep-merges maps and treats 443 and "443" as equal', () => {
    const kept: KeptValue[] = [];
    const root: Record<string, unknown> = { g: { podAnnotations: { 'config.linkerd.io/skip-outbound-ports': 443 } } };
    mergeUnder(root, { g: { podAnnotations: { 'config.linkerd.io/skip-outbound-ports': '443' }, extra: true } }, kept);
    expect(root).toEqual({ g: { podAnnotations: { 'config.linkerd.io/skip-outbound-ports': 443 }, extra: true } });
    expect(kept).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { generatorCacheDir } from '../../generator/cache/cache-dir.js';

describe('generatorCacheDir', () => {
  it('puts the cache where GITOPS_GENERATOR_CACHE says, relative to the project root', () => {
    expect(generatorCacheDir('/repo', { GITOPS_GENERATOR_CACHE: 'ci-cache' })).toBe('/repo/ci-cache');
    expect(generatorCacheDir('/repo', { GITOPS_GENERATOR_CACHE: '/var/cache/gg' })).toBe('/var/cache/gg');
    expect(generatorCacheDir('/repo', {})).toBe('/repo/.cache/gitops-generator');
  });
});

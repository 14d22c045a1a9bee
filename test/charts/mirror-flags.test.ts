import { describe, expect, it } from 'vitest';
import { checkMirrors, parseChartMirrorFlags } from '../../generator/charts/index.js';

describe('parseChartMirrorFlags', () => {
  it('parses <repoURL>=<mirror> pairs, normalising trailing slashes', () => {
    expect(
      parseChartMirrorFlags(['https://charts.jetstack.io/=file:///srv/charts/jetstack', 'oci://ghcr.io/org/charts=oci://registry.lan:5000/charts', 'https://a.example=http://mirror.lan/a/']),
    ).toEqual({
      mirrors: {
        'https://charts.jetstack.io': 'file:///srv/charts/jetstack',
        'oci://ghcr.io/org/charts': 'oci://registry.lan:5000/charts',
        'https://a.example': 'http://mirror.lan/a',
      },
      diagnostics: [],
    });
  });

  it('says what is wrong with each bad value and what would be valid', () => {
    const { diagnostics } = parseChartMirrorFlags([
      'https://a.example',
      '=http://m',
      'https://a.example=',
      'charts.example.org=http://m',
      'https://a.example=file://relative/dir',
      'https://a.example=s3://bucket',
      'https://b.example=http://m1',
      'https://b.example/=http://m2',
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      '--chart-mirror "https://a.example": no "=" between the repository URL and the mirror',
      '--chart-mirror "=http://m": the repository URL (before "=") is empty',
      '--chart-mirror "https://a.example=": the mirror URL (after "=") is empty',
      '--chart-mirror "charts.example.org=http://m": "charts.example.org" is not a chart repository URL (https://…, http://… or oci://host/path)',
      '--chart-mirror "https://a.example=file://relative/dir": "file://relative/dir" is not a local folder URL: write file:///absolute/path (three slashes)',
      '--chart-mirror "https://a.example=s3://bucket": "s3://bucket" is not a mirror URL (http://, https://, file:///<dir> or oci://host/path)',
      '--chart-mirror "https://b.example/=http://m2": https://b.example already has the mirror http://m1; give one mirror per repository',
    ]);
    expect(diagnostics.every((d) => d.code === 'charts/bad-mirror' && d.severity === 'error' && d.hint?.includes('--chart-mirror <repoURL>=<mirror>'))).toBe(true);
  });

  it('checks the config form (charts.mirrors) with a pointer to the bad key', () => {
    expect(checkMirrors({ 'https://a.example': 'file:///srv/a', 'https://b.example': 42 })).toEqual([
      expect.objectContaining({ code: 'charts/bad-mirror', pointer: '/charts/mirrors/https:~1~1b.example', message: expect.stringContaining('not 42') }),
    ]);
    expect(checkMirrors(['x'])).toEqual([expect.objectContaining({ code: 'charts/bad-mirror', pointer: '/charts/mirrors' })]);
  });
});

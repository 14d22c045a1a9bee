import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS, getReporter } from '../../generator/report/index.js';
import { githubReporter } from '../../generator/report/github.js';
import { jsonReporter } from '../../generator/report/json.js';
import { junitReporter } from '../../generator/report/junit.js';
import { textReporter } from '../../generator/report/text.js';

describe('getReporter', () => {
  it('returns the reporter for each format', () => {
    expect(REPORT_FORMATS).toEqual(['text', 'json', 'junit', 'github']);
    expect(getReporter('text')).toBe(textReporter);
    expect(getReporter('json')).toBe(jsonReporter);
    expect(getReporter('junit')).toBe(junitReporter);
    expect(getReporter('github')).toBe(githubReporter);
  });

  it('names the valid formats for an unknown one', () => {
    expect(() => getReporter('sarif')).toThrow('unknown report format "sarif"; valid formats: text, json, junit, github');
    // Not fooled by inherited object keys.
    expect(() => getReporter('toString')).toThrow('unknown report format "toString"');
  });
});

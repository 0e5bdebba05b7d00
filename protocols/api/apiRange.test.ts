import { describe, expect, it } from 'vitest';
import { apiRangeAccepts } from './apiRange.js';

describe('plugin API range', () => {
  it.each([
    ['^0.1.0', '0.1.0', true], ['^0.1.0', '0.1.9', true], ['^0.1.0', '0.2.0', false], ['^1.2.0', '1.9.0', true],
    ['^1.2.0', '2.0.0', false], ['0.1.x', '0.1.4', true], ['>=0.1.0 <0.3.0', '0.2.5', true], ['>=0.1.0 <0.3.0', '0.3.0', false],
    ['0.1.0', '0.1.0', true], ['~0.1.0', '0.1.0', false], ['latest', '0.1.0', false], ['', '0.1.0', false],
  ])('%s accepts %s: %s', (range, version, expected) => {
    expect(apiRangeAccepts(range, version)).toBe(expected);
  });
});

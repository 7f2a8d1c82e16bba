import fc from 'fast-check';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { base64urlToBytes, bytesToBase64url, crc32 } from '../../../../src/core/results/encoding.ts';

describe('base64url', () => {
  it('matches Node\'s encoder and reads back what it writes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = bytesToBase64url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(base64urlToBytes(text)).toEqual(bytes);
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('refuses characters outside the alphabet, padding, impossible lengths and stray bits', () => {
    expect(base64urlToBytes('')).toEqual(new Uint8Array(0));
    expect(base64urlToBytes('AQ')).toEqual(new Uint8Array([1]));
    expect(base64urlToBytes('AQI')).toEqual(new Uint8Array([1, 2]));
    for (const bad of ['AQ==', 'A+8', 'A/8', 'A Q', 'AQIDB', 'AR', 'AQJ', '🎲🎲']) {
      expect(base64urlToBytes(bad), bad).toBeNull();
    }
  });
});

describe('crc32', () => {
  it('gives the standard check value and agrees with zlib', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(crc32(bytes)).toBe(zlibCrc32(bytes));
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});

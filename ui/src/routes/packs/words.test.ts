import { describe, expect, it } from 'vitest';
import { fileNameFor, pageRange, pages, shortFingerprint } from './words';

describe('pack words', () => {
  it('shortens a fingerprint to four groups of four, as the index prints it', () => {
    expect(shortFingerprint('0123456789abcdef0123456789abcdef')).toBe('0123 4567 89ab cdef');
    expect(shortFingerprint('abc')).toBe('abc');
  });

  it('makes a safe file name from a pack title', () => {
    expect(fileNameFor('Tribunal bundle')).toBe('Tribunal bundle.pdf');
    expect(fileNameFor('Review: Sam/Jo’s “pack”')).toBe('Review SamJos pack.pdf');
    expect(fileNameFor('///')).toBe('Pack.pdf');
  });

  it('counts pages in words', () => {
    expect(pages(1)).toBe('1 page');
    expect(pages(12)).toBe('12 pages');
    expect(pageRange(3, 3)).toBe('3');
    expect(pageRange(3, 5)).toBe('3–5');
  });
});

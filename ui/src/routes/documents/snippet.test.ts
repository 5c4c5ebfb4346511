import { describe, expect, it } from 'vitest';
import { highlightWords, hitWords, snippetParts } from './snippet';

describe('snippetParts', () => {
  it('marks the words between brackets', () => {
    expect(snippetParts('…the EP said [1:1] [support] in class…')).toEqual([
      { text: '…the EP said ', hit: false },
      { text: '1:1', hit: true },
      { text: ' ', hit: false },
      { text: 'support', hit: true },
      { text: ' in class…', hit: false },
    ]);
  });

  it('keeps markup as plain text, never HTML', () => {
    const parts = snippetParts('<img src=x onerror=alert(1)> [<b>bold</b>]');
    expect(parts).toEqual([
      { text: '<img src=x onerror=alert(1)> ', hit: false },
      { text: '<b>bold</b>', hit: true },
    ]);
  });

  it('leaves an unmatched bracket as it is', () => {
    expect(snippetParts('a [b] c [d')).toEqual([
      { text: 'a ', hit: false },
      { text: 'b', hit: true },
      { text: ' c [d', hit: false },
    ]);
    expect(snippetParts('no hits]')).toEqual([{ text: 'no hits]', hit: false }]);
  });

  it('handles empty snippets and adjacent hits', () => {
    expect(snippetParts('')).toEqual([]);
    expect(snippetParts('[a][b]')).toEqual([{ text: 'ab', hit: true }]);
  });
});

describe('hitWords and highlightWords', () => {
  it('finds the hit words, once each, without punctuation', () => {
    expect(hitWords('[Speech] and [speech,] [therapy]')).toEqual(['speech', 'therapy']);
  });

  it('marks whole words only, whatever their case', () => {
    const parts = highlightWords('Speech therapy; speeches are not speech.', ['speech']);
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['Speech', 'speech']);
    expect(parts.map((p) => p.text).join('')).toBe('Speech therapy; speeches are not speech.');
  });

  it('treats regular-expression characters in words literally', () => {
    const parts = highlightWords('costs (a+b) and a+b', ['a+b']);
    expect(parts.filter((p) => p.hit).length).toBe(2);
  });

  it('returns the text unmarked when there are no words', () => {
    expect(highlightWords('hello', [])).toEqual([{ text: 'hello', hit: false }]);
  });
});

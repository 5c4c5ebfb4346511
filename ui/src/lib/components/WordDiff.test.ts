import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import WordDiff from './WordDiff.svelte';

describe('WordDiff', () => {
  it('marks added and removed words with text, not colour alone', () => {
    const { container } = render(WordDiff, {
      props: {
        segments: [
          { kind: 'removed', text: 'one session' },
          { kind: 'added', text: 'two sessions' },
          { kind: 'same', text: 'a week' },
        ],
      },
    });
    const del = container.querySelector('del');
    const ins = container.querySelector('ins');
    expect(del?.textContent).toBe('[removed: one session]');
    expect(ins?.textContent).toBe('[added: two sessions]');
    expect(container.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      '[removed: one session] [added: two sessions] a week',
    );
  });
});

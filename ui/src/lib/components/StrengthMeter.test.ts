import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import StrengthMeter from './StrengthMeter.svelte';

describe('StrengthMeter', () => {
  it('says the strength in words, with the hint', () => {
    render(StrengthMeter, {
      props: {
        id: 'strength',
        assessment: { acceptable: true, score: 2, label: 'Fair', hint: 'Another word would make it stronger.', minLength: 12 },
      },
    });
    expect(screen.getByText('Strength: Fair')).toBeInTheDocument();
    expect(screen.getByText('Another word would make it stronger.')).toBeInTheDocument();
    expect(screen.getByText(/Good enough to use/)).toBeInTheDocument();
  });

  it('does not call a weak passphrase good enough', () => {
    render(StrengthMeter, {
      props: { id: 'strength', assessment: { acceptable: false, score: 1, label: 'Weak', hint: 'Add a word.', minLength: 12 } },
    });
    expect(screen.getByText('Strength: Weak')).toBeInTheDocument();
    expect(screen.queryByText(/Good enough/)).not.toBeInTheDocument();
  });

  it('shows nothing before there is anything to judge', () => {
    const { container } = render(StrengthMeter, { props: { id: 'strength', assessment: null } });
    expect(container.querySelector('#strength')?.textContent?.trim()).toBe('');
  });
});

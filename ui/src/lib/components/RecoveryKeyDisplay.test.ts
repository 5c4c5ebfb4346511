import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import RecoveryKeyDisplay from './RecoveryKeyDisplay.svelte';

describe('RecoveryKeyDisplay', () => {
  it('holds exactly the key as its text, so copying or reading it gives the real key', () => {
    const key = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';
    const { container } = render(RecoveryKeyDisplay, { props: { key } });
    const element = container.querySelector('#recovery-key');
    expect(element?.textContent).toBe(key);
    expect(element?.querySelectorAll('.group')).toHaveLength(8);
  });
});

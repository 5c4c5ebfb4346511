import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { CarefileError } from '../errors';
import ErrorMessage from './ErrorMessage.svelte';

describe('ErrorMessage', () => {
  it("shows a CarefileError's message in an alert", () => {
    const error = new CarefileError('wrong_passphrase', "That passphrase doesn't open this vault. Check Caps Lock, or use your recovery key.");
    render(ErrorMessage, { props: { error } });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent("That passphrase doesn't open this vault. Check Caps Lock, or use your recovery key.");
    expect(alert).toHaveAttribute('data-code', 'wrong_passphrase');
    expect(alert).not.toHaveTextContent('wrong_passphrase');
  });

  it('renders no alert when there is no error', () => {
    render(ErrorMessage, { props: { error: null } });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

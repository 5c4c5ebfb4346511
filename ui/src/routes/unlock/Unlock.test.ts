import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import * as api from '../../lib/api';
import type { VaultStatus } from '../../lib/bindings/VaultStatus';
import { CarefileError } from '../../lib/errors';
import Unlock from './Unlock.svelte';

vi.mock('../../lib/api', () => ({ unlockVault: vi.fn(), unlockWithKeyring: vi.fn() }));

const status: VaultStatus = {
  path: '/tmp/v',
  exists: true,
  unlocked: false,
  name: "Sam's record",
  remembered: false,
  keyringAvailable: true,
  idleLockMinutes: 15,
};

describe('Unlock', () => {
  it('shows a wrong passphrase as an alert and keeps focus in the field', async () => {
    vi.mocked(api.unlockVault).mockRejectedValue(
      new CarefileError('wrong_passphrase', "That passphrase doesn't open this vault. Check Caps Lock, or use your recovery key."),
    );
    const onunlocked = vi.fn();
    const user = userEvent.setup();
    render(Unlock, { props: { status, onunlocked, onforgot: vi.fn() } });
    const field = screen.getByLabelText('Passphrase');
    await waitFor(() => expect(field).toHaveFocus());

    await user.type(field, 'not it');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));

    expect(await screen.findByRole('alert')).toHaveTextContent("That passphrase doesn't open this vault.");
    await waitFor(() => expect(field).toHaveFocus());
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(onunlocked).not.toHaveBeenCalled();
    expect(api.unlockVault).toHaveBeenCalledWith('not it', false);
  });

  it('says what to do when nothing was typed, without asking Rust', async () => {
    const user = userEvent.setup();
    render(Unlock, { props: { status, onunlocked: vi.fn(), onforgot: vi.fn() } });
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Type your passphrase to unlock your vault.');
    expect(api.unlockVault).not.toHaveBeenCalled();
  });
});

import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../../lib/api';
import { CarefileError } from '../../lib/errors';
import { fakeAssessment } from '../../test/fakeApi';
import Create from './Create.svelte';

vi.mock('../../lib/api', () => ({
  assessPassphrase: vi.fn(),
  createVault: vi.fn(),
}));

const GOOD = 'maple river lantern';

function setup() {
  const oncreated = vi.fn();
  const user = userEvent.setup();
  render(Create, { props: { keyringAvailable: true, oncreated } });
  const button = screen.getByRole('button', { name: /Create vault/ });
  return { user, button, oncreated };
}

beforeEach(() => {
  vi.mocked(api.assessPassphrase).mockImplementation((p) => Promise.resolve(fakeAssessment(p)));
});

describe('Create', () => {
  it('shows the minimum length before anything is typed', async () => {
    setup();
    expect(await screen.findByText(/At least 12 characters/)).toBeInTheDocument();
  });

  it('keeps Create disabled until name, strength and confirmation are all right, saying why', async () => {
    const { user, button } = setup();
    const status = () => document.getElementById('create-status')?.textContent?.trim();

    expect(button).toBeDisabled();
    expect(status()).toBe('Give your vault a name.');

    await user.type(screen.getByLabelText('Name of your vault'), "Sam's record");
    await waitFor(() => expect(status()).toBe('Choose a passphrase of at least 12 characters.'));

    await user.type(screen.getByLabelText('Passphrase'), 'short');
    expect(await screen.findByText('Strength: Too short')).toBeInTheDocument();
    expect(status()).toBe('Your passphrase needs at least 12 characters. It has 5 so far.');
    expect(button).toBeDisabled();

    await user.clear(screen.getByLabelText('Passphrase'));
    await user.type(screen.getByLabelText('Passphrase'), 'password1234');
    expect(await screen.findByText('Strength: Weak')).toBeInTheDocument();
    expect(status()).toBe('This passphrase would be too easy to guess. Choose a stronger one.');
    expect(button).toBeDisabled();

    await user.clear(screen.getByLabelText('Passphrase'));
    await user.type(screen.getByLabelText('Passphrase'), GOOD);
    expect(await screen.findByText('Strength: Good')).toBeInTheDocument();
    expect(status()).toBe('Type your passphrase a second time to confirm it.');
    expect(button).toBeDisabled();

    await user.type(screen.getByLabelText('Type your passphrase again'), GOOD);
    await waitFor(() => expect(button).toBeEnabled());
    expect(status()).toBe('');
  });

  it('says when the two passphrases do not match', async () => {
    const { user, button } = setup();
    await user.type(screen.getByLabelText('Name of your vault'), "Sam's record");
    await user.type(screen.getByLabelText('Passphrase'), GOOD);
    const confirm = screen.getByLabelText('Type your passphrase again');

    await user.type(confirm, 'maple');
    expect(screen.queryByText("These passphrases don't match.")).not.toBeInTheDocument();

    await user.type(confirm, ' rover');
    expect(screen.getByText("These passphrases don't match.")).toBeInTheDocument();
    expect(confirm).toHaveAttribute('aria-invalid', 'true');
    expect(button).toBeDisabled();
  });

  it('creates the vault with the name, passphrase and remember choice', async () => {
    const created = {
      status: {
        path: '/tmp/v',
        exists: true,
        unlocked: true,
        name: "Sam's record",
        remembered: true,
        keyringAvailable: true,
        idleLockMinutes: 15,
      },
      recoveryKey: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789',
    };
    vi.mocked(api.createVault).mockResolvedValue(created);
    const { user, button, oncreated } = setup();
    await user.type(screen.getByLabelText('Name of your vault'), "  Sam's record ");
    await user.type(screen.getByLabelText('Passphrase'), GOOD);
    await user.type(screen.getByLabelText('Type your passphrase again'), GOOD);
    await user.click(screen.getByLabelText('Remember on this computer'));
    await waitFor(() => expect(button).toBeEnabled());
    await user.click(button);
    await waitFor(() => expect(oncreated).toHaveBeenCalledWith(created));
    expect(api.createVault).toHaveBeenCalledWith({ name: "Sam's record", passphrase: GOOD, remember: true });
  });

  it('shows a failure in words and lets the person try again', async () => {
    vi.mocked(api.createVault).mockRejectedValue(
      new CarefileError('io', "Carefile couldn't write to its folder. Check there is space on the disk."),
    );
    const { user, button } = setup();
    await user.type(screen.getByLabelText('Name of your vault'), 'Record');
    await user.type(screen.getByLabelText('Passphrase'), GOOD);
    await user.type(screen.getByLabelText('Type your passphrase again'), GOOD);
    await waitFor(() => expect(button).toBeEnabled());
    await user.click(button);
    expect(await screen.findByRole('alert')).toHaveTextContent("Carefile couldn't write to its folder.");
    expect(button).toBeEnabled();
  });
});

import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as api from './api';
import { CarefileError } from './errors';

type Call = { cmd: string; args: unknown };

function record(reply: (cmd: string) => unknown = () => null): Call[] {
  const calls: Call[] = [];
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args });
      return reply(cmd);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

afterEach(() => clearMocks());

describe('api', () => {
  it('sends each command with the camelCase arguments the contract names', async () => {
    const calls = record();
    await api.vaultStatus();
    await api.assessPassphrase('abc');
    await api.createVault({ name: "Sam's record", passphrase: 'p', remember: true });
    await api.saveRecoverySheet();
    await api.confirmRecoveryKey();
    await api.unlockVault('p', false);
    await api.unlockWithKeyring();
    await api.resetPassphrase('ABCD-EFGH', 'new');
    await api.lockVault();
    await api.changePassphrase('old', 'new');
    await api.forgetRemembered();
    await api.reportActivity();
    expect(calls).toEqual([
      { cmd: 'vault_status', args: {} },
      { cmd: 'passphrase_assess', args: { passphrase: 'abc' } },
      { cmd: 'vault_create', args: { name: "Sam's record", passphrase: 'p', remember: true } },
      { cmd: 'recovery_sheet_save', args: {} },
      { cmd: 'recovery_key_confirmed', args: {} },
      { cmd: 'vault_unlock', args: { passphrase: 'p', remember: false } },
      { cmd: 'vault_unlock_keyring', args: {} },
      { cmd: 'vault_reset_passphrase', args: { recoveryKey: 'ABCD-EFGH', newPassphrase: 'new' } },
      { cmd: 'vault_lock', args: {} },
      { cmd: 'vault_change_passphrase', args: { current: 'old', newPassphrase: 'new' } },
      { cmd: 'vault_forget_remembered', args: {} },
      { cmd: 'activity', args: {} },
    ]);
  });

  it('turns a rejected command into a CarefileError with its code', async () => {
    mockIPC(() => Promise.reject({ code: 'wrong_passphrase', message: "That passphrase doesn't open this vault." }));
    const error = await api.unlockVault('nope', false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarefileError);
    expect(error).toMatchObject({ code: 'wrong_passphrase', message: "That passphrase doesn't open this vault." });
  });

  it('hears the vault-locked event, and stops hearing it when asked', async () => {
    record();
    const handler = vi.fn();
    const stop = await api.onVaultLocked(handler);
    await emit('vault-locked', { reason: 'idle' });
    expect(handler).toHaveBeenCalledWith({ reason: 'idle' });
    stop();
    await Promise.resolve();
    await emit('vault-locked', { reason: 'user' });
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

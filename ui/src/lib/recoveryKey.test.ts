import { describe, expect, it } from 'vitest';
import { normaliseRecoveryKey } from './recoveryKey';

describe('normaliseRecoveryKey', () => {
  it('accepts a key typed from paper in any case, with spaces or dashes', () => {
    const key = '7KQM-3WXD-J9TR-B4NF-H2PV-6GCE-Y8SA-5ZM1';
    expect(normaliseRecoveryKey(key)).toBe(key);
    expect(normaliseRecoveryKey('7kqm 3wxd j9tr b4nf h2pv 6gce y8sa 5zm1')).toBe(key);
    expect(normaliseRecoveryKey(' 7KQM3WXDJ9TRB4NF-H2PV6GCEY8SA5ZM1\n')).toBe(key);
  });

  it('gives the empty string for nothing typed', () => {
    expect(normaliseRecoveryKey('  - ')).toBe('');
  });
});

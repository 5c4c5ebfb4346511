// A stand-in for Tauri's IPC, injected before the app loads (page.addInitScript). It keeps a
// fake vault in memory, answers every command in the IPC contract the way Rust will (same
// shapes, same error codes), supports `listen` for the vault-locked event, and records every
// call. Arguments are checked strictly, so a wrongly named key fails the test run.
(() => {
  const config = window.__CAREFILE_FAKE_CONFIG__ || {};
  const MIN_LENGTH = 12;
  const LABELS = ['Too short', 'Weak', 'Fair', 'Good', 'Strong'];
  const COMMON = ['password', 'passphrase', 'qwerty', '123456', 'letmein', 'carefile', 'iloveyou'];

  const vault = {
    exists: false,
    unlocked: false,
    name: null,
    passphrase: null,
    recoveryKey: '7KQM-3WXD-J9TR-B4NF-H2PV-6GCE-Y8SA-5ZM1',
    pendingRecoveryKey: null,
    remembered: false,
    keyringAvailable: true,
    keyringFails: false,
    statusFails: false,
    idleLockMinutes: 15,
    sheetCancelled: false,
    delays: { vault_create: 400, vault_unlock: 150, vault_reset_passphrase: 200, vault_change_passphrase: 200 },
    ...(config.vault || {}),
  };

  const calls = [];
  const violations = [];
  const callbacks = new Map();
  const listeners = new Map();
  let nextCallbackId = 1;

  const MESSAGES = {
    wrong_passphrase: "That passphrase doesn't open this vault. Check Caps Lock, or use your recovery key.",
    wrong_recovery_key: "That recovery key doesn't match this vault. Check each group against your Recovery Sheet.",
    vault_locked: 'Your vault is locked. Unlock it to carry on.',
    no_vault: 'There is no vault on this computer yet.',
    vault_exists: 'There is already a vault on this computer.',
    keyring_unavailable:
      "This computer's keyring isn't available just now, so Carefile can't open your vault by itself. Type your passphrase instead.",
    not_found: 'This computer does not remember your vault.',
    weak_passphrase: 'That passphrase would be too easy to guess. Add another word or two.',
    invalid_input: 'Something typed in is not quite right.',
    internal: 'Something unexpected went wrong.',
  };

  function report(code, message) {
    return { code, message: message || MESSAGES[code] };
  }

  function status() {
    return {
      path: '/home/parent/.local/share/carefile/vault.carefile',
      exists: vault.exists,
      unlocked: vault.unlocked,
      name: vault.name,
      remembered: vault.remembered,
      keyringAvailable: vault.keyringAvailable,
      idleLockMinutes: vault.idleLockMinutes,
    };
  }

  function expectArgs(cmd, args, spec) {
    const keys = Object.keys(args || {}).sort();
    const wanted = Object.keys(spec).sort();
    const problems = [];
    if (keys.join(',') !== wanted.join(',')) problems.push(`keys ${JSON.stringify(keys)}, wanted ${JSON.stringify(wanted)}`);
    for (const [key, type] of Object.entries(spec)) {
      if (typeof (args || {})[key] !== type) problems.push(`${key} should be a ${type}`);
    }
    if (problems.length) {
      const text = `${cmd}: ${problems.join('; ')}`;
      violations.push(text);
      throw report('internal', `fake IPC contract violation: ${text}`);
    }
  }

  function normaliseKey(key) {
    return key.toUpperCase().replace(/[^0-9A-Z]/g, '');
  }

  function assess(passphrase) {
    const length = [...passphrase].length;
    if (length < MIN_LENGTH) {
      return { acceptable: false, score: 0, label: LABELS[0], hint: `Use at least ${MIN_LENGTH} characters.`, minLength: MIN_LENGTH };
    }
    const lower = passphrase.toLowerCase();
    const unique = new Set(lower).size;
    const words = passphrase.trim().split(/\s+/).length;
    let score;
    if (COMMON.some((w) => lower.includes(w)) || unique < 6) score = 1;
    else if (length >= 24 || words >= 4) score = 4;
    else if (length >= 18 || words >= 3) score = 3;
    else score = 2;
    const hints = [
      '',
      "It's close to a common password. Try a few words that don't usually go together.",
      'Good enough. Another word would make it stronger.',
      'A good passphrase.',
      '',
    ];
    return { acceptable: score >= 2, score, label: LABELS[score], hint: hints[score], minLength: MIN_LENGTH };
  }

  function requireUnlocked() {
    if (!vault.unlocked) throw report('vault_locked');
  }

  function emit(event, payload) {
    for (const id of [...(listeners.get(event) || [])]) {
      const callback = callbacks.get(id);
      if (callback) callback({ event, id, payload });
    }
  }

  const handlers = {
    vault_status(args) {
      expectArgs('vault_status', args, {});
      if (vault.statusFails) throw report('io', "Carefile can't read its folder. Check the disk is connected, then try again.");
      return status();
    },
    passphrase_assess(args) {
      expectArgs('passphrase_assess', args, { passphrase: 'string' });
      return assess(args.passphrase);
    },
    vault_create(args) {
      expectArgs('vault_create', args, { name: 'string', passphrase: 'string', remember: 'boolean' });
      if (vault.exists) throw report('vault_exists');
      if (!args.name.trim()) throw report('invalid_input', 'Give your vault a name.');
      if (!assess(args.passphrase).acceptable) throw report('weak_passphrase');
      Object.assign(vault, {
        exists: true,
        unlocked: true,
        name: args.name,
        passphrase: args.passphrase,
        remembered: args.remember && vault.keyringAvailable,
        pendingRecoveryKey: vault.recoveryKey,
      });
      return { status: status(), recoveryKey: vault.recoveryKey };
    },
    recovery_sheet_save(args) {
      expectArgs('recovery_sheet_save', args, {});
      if (!vault.pendingRecoveryKey) throw report('not_found', 'The recovery key is no longer available.');
      if (vault.sheetCancelled) return null;
      return `/home/parent/Documents/Carefile Recovery Sheet - ${vault.name}.pdf`;
    },
    recovery_key_confirmed(args) {
      expectArgs('recovery_key_confirmed', args, {});
      vault.pendingRecoveryKey = null;
      return null;
    },
    vault_unlock(args) {
      expectArgs('vault_unlock', args, { passphrase: 'string', remember: 'boolean' });
      if (!vault.exists) throw report('no_vault');
      if (args.passphrase !== vault.passphrase) throw report('wrong_passphrase');
      vault.unlocked = true;
      vault.remembered = args.remember && vault.keyringAvailable;
      return status();
    },
    vault_unlock_keyring(args) {
      expectArgs('vault_unlock_keyring', args, {});
      if (!vault.keyringAvailable || vault.keyringFails) throw report('keyring_unavailable');
      if (!vault.remembered) throw report('not_found');
      vault.unlocked = true;
      return status();
    },
    vault_reset_passphrase(args) {
      expectArgs('vault_reset_passphrase', args, { recoveryKey: 'string', newPassphrase: 'string' });
      if (normaliseKey(args.recoveryKey) !== normaliseKey(vault.recoveryKey)) throw report('wrong_recovery_key');
      if (!assess(args.newPassphrase).acceptable) throw report('weak_passphrase');
      vault.passphrase = args.newPassphrase;
      vault.unlocked = true;
      return status();
    },
    vault_lock(args) {
      expectArgs('vault_lock', args, {});
      vault.unlocked = false;
      // Rust also tells every window; the UI must cope with hearing about its own lock.
      setTimeout(() => emit('vault-locked', { reason: 'user' }), 0);
      return status();
    },
    vault_change_passphrase(args) {
      expectArgs('vault_change_passphrase', args, { current: 'string', newPassphrase: 'string' });
      requireUnlocked();
      if (args.current !== vault.passphrase) {
        throw report('wrong_passphrase', "That isn't your current passphrase. Check Caps Lock and try again.");
      }
      if (!assess(args.newPassphrase).acceptable) throw report('weak_passphrase');
      vault.passphrase = args.newPassphrase;
      return null;
    },
    vault_forget_remembered(args) {
      expectArgs('vault_forget_remembered', args, {});
      vault.remembered = false;
      return status();
    },
    activity(args) {
      expectArgs('activity', args, {});
      requireUnlocked();
      return null;
    },
    'plugin:event|listen'(args) {
      const ids = listeners.get(args.event) || [];
      ids.push(args.handler);
      listeners.set(args.event, ids);
      return args.handler;
    },
    'plugin:event|unlisten'(args) {
      const ids = listeners.get(args.event) || [];
      const at = ids.indexOf(args.eventId);
      if (at !== -1) ids.splice(at, 1);
      return null;
    },
  };

  async function invoke(cmd, args) {
    calls.push({ cmd, args: JSON.parse(JSON.stringify(args ?? {})), at: Date.now() });
    const handler = handlers[cmd];
    if (!handler) {
      violations.push(`unknown command ${cmd}`);
      throw report('internal', `fake IPC: unknown command ${cmd}`);
    }
    const delay = vault.delays[cmd] || 0;
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    return handler(args ?? {});
  }

  window.__TAURI_INTERNALS__ = {
    invoke,
    transformCallback(callback, once = false) {
      const id = nextCallbackId++;
      callbacks.set(id, (data) => {
        if (once) callbacks.delete(id);
        return callback && callback(data);
      });
      return id;
    },
    unregisterCallback(id) {
      callbacks.delete(id);
    },
    runCallback(id, data) {
      const callback = callbacks.get(id);
      if (callback) callback(data);
    },
    callbacks,
    metadata: { currentWindow: { label: 'main' }, currentWebview: { windowLabel: 'main', label: 'main' } },
  };
  window.__TAURI_EVENT_PLUGIN_INTERNALS__ = {
    unregisterListener(_event, id) {
      callbacks.delete(id);
    },
  };

  window.__carefileFake = {
    vault,
    calls,
    violations,
    emit,
    callsTo: (cmd) => calls.filter((c) => c.cmd === cmd),
    lockForIdle() {
      vault.unlocked = false;
      emit('vault-locked', { reason: 'idle' });
    },
  };
})();

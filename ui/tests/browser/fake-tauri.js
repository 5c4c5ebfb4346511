// A stand-in for Tauri's IPC, injected before the app loads (page.addInitScript). It keeps a
// fake vault in memory, answers every command in the IPC contract the way Rust will (same
// shapes, same error codes), supports `listen` for the vault-locked event, and records every
// call. Arguments are checked strictly, so a wrongly named key fails the test run.
(() => {
  const config = window.__CAREFILE_FAKE_CONFIG__ || {};
  const MIN_LENGTH = 12;
  const LABELS = ['Too short', 'Weak', 'Fair', 'Good', 'Strong'];
  const COMMON = ['password', 'passphrase', 'qwerty', '123456', 'letmein', 'carefile', 'iloveyou'];

  // A small real PDF, a page per entry of `pages` (each a few lines of text), so pdf.js has
  // something to draw: the pack preview and the Recovery Sheet's print.
  function pagesPdf(pages) {
    const esc = (t) => t.replace(/[^\x20-\x7e]/g, '-').replace(/[\\()]/g, (c) => `\\${c}`);
    return pdfOfStreams(
      pages.map((lines, n) => {
        const text = lines.map((l, i) => `BT /F1 ${i === 0 ? 22 : 13} Tf 72 ${720 - i * 30} Td (${esc(l)}) Tj ET`).join('\n');
        return `${text}\nBT /F1 11 Tf 500 40 Td (${n + 1}) Tj ET\n0.5 w 60 60 475 722 re S`;
      }),
    );
  }
  // A PDF of A4 pages in Helvetica, one content stream each: the one writer of the fakes' PDFs.
  function pdfOfStreams(streams) {
    const objects = ['<< /Type /Catalog /Pages 2 0 R >>', null, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
    const kids = [];
    for (const stream of streams) {
      objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
      objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${objects.length} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`);
      kids.push(`${objects.length} 0 R`);
    }
    objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`;
    let out = '%PDF-1.4\n';
    const offsets = [];
    objects.forEach((body, i) => {
      offsets.push(out.length);
      out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    });
    const xref = out.length;
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
    out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return new TextEncoder().encode(out);
  }

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

  const backups = {
    settings: { folder: null, keepDaily: 7, keepWeekly: 4, keepMonthly: 12 },
    last: null,
    folderMissing: false,
    folderCancelled: false,
    ...(config.backups || {}),
  };

  function backupStatusNow() {
    let warning = null;
    const ageDays = backups.last ? Math.floor((Date.now() - Date.parse(backups.last.at)) / 86400000) : null;
    if (backups.folderMissing) warning = `The backup folder ${backups.settings.folder} can't be found. Plug in the drive, or choose another folder.`;
    else if (ageDays === null) warning = 'This vault has never been backed up. Choose a folder and back up now.';
    else if (ageDays >= 7) warning = `The last backup is ${ageDays} days old. Back up now.`;
    return { settings: { ...backups.settings }, last: backups.last, folderMissing: backups.folderMissing, warning };
  }

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
    app_about(args) {
      expectArgs('app_about', args, {});
      return { version: '0.1.0', licence: 'AGPL-3.0-or-later', schemaVersion: 40 };
    },
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
    recovery_sheet_pdf(args) {
      expectArgs('recovery_sheet_pdf', args, {});
      if (!vault.pendingRecoveryKey) throw report('not_found', 'The recovery key is only available right after creating the vault.');
      return pagesPdf([['Carefile Recovery Sheet', vault.name, vault.pendingRecoveryKey]]);
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
    // Backups (src-tauri/src/commands/exchange.rs).
    backup_status(args) {
      expectArgs('backup_status', args, {});
      requireUnlocked();
      return backupStatusNow();
    },
    backup_set_settings(args) {
      expectArgs('backup_set_settings', args, { settings: 'object' });
      requireUnlocked();
      Object.assign(backups.settings, args.settings);
      return backupStatusNow();
    },
    backup_choose_folder(args) {
      expectArgs('backup_choose_folder', args, {});
      requireUnlocked();
      if (backups.folderCancelled) return null;
      backups.settings.folder = '/media/parent/USB STICK/Carefile backups';
      backups.folderMissing = false;
      return backupStatusNow();
    },
    backup_now(args) {
      expectArgs('backup_now', args, {});
      requireUnlocked();
      if (!backups.settings.folder) throw report('invalid_input', 'Choose a folder for backups first.');
      if (backups.folderMissing) throw report('not_found', "The backup folder can't be found. Plug in the drive, or choose another folder.");
      const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      const path = `${backups.settings.folder}/carefile-0a1b2c3d-${at.slice(0, 10)}-120000.carefile-backup`;
      backups.last = { at, file: path, bytes: 320471, automatic: false };
      return { made: { path, bytes: 320471, created: at, vaultId: '0a1b2c3d', schemaVersion: 40 }, skipped: null, removed: [] };
    },
    backup_auto_run(args) {
      expectArgs('backup_auto_run', args, {});
      requireUnlocked();
      return backups.settings.folder ? { made: null, skipped: 'A backup was already made today.', removed: [] } : null;
    },
    backup_choose_file(args) {
      expectArgs('backup_choose_file', args, {});
      return '/media/parent/USB STICK/Carefile backups/carefile-0a1b2c3d-2026-11-20-120000.carefile-backup';
    },
    backup_restore(args) {
      expectArgs('backup_restore', args, { file: 'string', passphrase: 'string', replaceExisting: 'boolean' });
      if (vault.exists && !args.replaceExisting) throw report('vault_exists');
      if (args.passphrase !== (backups.passphrase || vault.passphrase)) throw report('wrong_passphrase');
      Object.assign(vault, { exists: true, unlocked: true, passphrase: args.passphrase });
      return status();
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

  // The child's record (src-tauri/src/commands/record.rs): children, plans with versions,
  // provision and its check, delivery, the contact log and the chronology, kept in memory.
  Object.assign(handlers, makeRecordHandlers());

  function makeRecordHandlers() {
    const rec = {
      children: [],
      people: [{ id: 'pe-1', name: 'Pat Placeholder', role: 'SEN caseworker', organisation: 'Anytown Council (fictional)', email: null, phone: null, address: null, notes: null, created: '2025-01-01T00:00:00Z' }],
      plans: [],
      versions: {},
      log: [],
      deliveries: [],
      ...(config.record || {}),
    };
    window.__carefileRecord = rec;
    // An 8 × 8 orange PNG: a real image, so the photo shows in screenshots.
    const PHOTO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGO42ROPFTEMLQkARdxxAVjAvSEAAAAASUVORK5CYII=';
    let seq = 1;
    const id = (prefix) => `${prefix}-${seq++}`;
    const today = () => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const british = (iso) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
    const schoolYear = (iso) => (Number(iso.slice(5, 7)) >= 9 ? Number(iso.slice(0, 4)) : Number(iso.slice(0, 4)) - 1);
    const SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K'];
    const TITLES = { A: 'Views, interests and aspirations', B: 'Special educational needs', C: 'Health needs', D: 'Social care needs', E: 'Outcomes', F: 'Special educational provision', G: 'Health provision', H1: 'Social care provision (CSDPA 1970 s.2)', H2: 'Other social care provision', I: 'Placement', J: 'Personal budget', K: 'Advice and information' };
    const VAGUE = [
      ['access to', ['access to'], '"Access to" says the child may use something, not how much will be provided, so nobody can check it was delivered (Worcestershire CC v SE [2020] UKUT 217 (AAC)).'],
      ['regular', ['regular', 'regularly'], '"Regular" doesn\'t say how often. The plan should give a number of sessions a week or a term (CoP 9.69).'],
      ['as required', ['as required', 'as needed'], '"As required" leaves someone else to decide whether any is given; the plan should say what is needed (L v Clarke and Somerset [1998] ELR 129).'],
      ['opportunities', ['opportunities', 'opportunity'], '"Opportunities" describes chances, not provision.'],
      ['support from', ['support from'], '"Support from" names a person, not what they will do, how often or for how long (CoP 9.69).'],
      ['up to', ['up to'], '"Up to" sets a ceiling, not an amount.'],
      ['may', ['may'], '"May" makes the provision optional, but the LA must secure what is in Section F (Children and Families Act 2014 s.42).'],
      ['should', ['should'], '"Should" states a hope rather than a duty.'],
      ['as appropriate', ['as appropriate', 'where appropriate'], '"As appropriate" leaves the decision to others.'],
    ];

    function keys(cmd, args, wanted) {
      const got = Object.keys(args || {}).sort().join(',');
      if (got !== [...wanted].sort().join(',')) {
        const text = `${cmd}: keys ${got}, wanted ${[...wanted].sort().join(',')}`;
        violations.push(text);
        throw report('internal', `fake IPC contract violation: ${text}`);
      }
      requireUnlocked();
    }
    const invalid = (message) => report('invalid_input', message);
    const notFound = (message) => report('not_found', message);

    function yearGroup(dob) {
      const n = schoolYear(today()) - schoolYear(dob) - 5;
      const label = n < -1 ? 'Not yet of school age' : n === -1 ? 'Nursery' : n === 0 ? 'Reception' : n <= 13 ? `Year ${n}` : 'Past Year 13';
      return { number: n, label };
    }
    function validChild(input) {
      if (!input.name || !input.name.trim()) throw invalid("Give the child's name; it can't be left blank.");
      if (input.dob > today()) throw invalid(`The date of birth (${british(input.dob)}) is in the future. Check the date and try again.`);
      const blank = (t) => (t && t.trim() ? t.trim() : null);
      return { name: input.name.trim(), preferredName: blank(input.preferredName), dob: input.dob, localAuthority: blank(input.localAuthority), setting: blank(input.setting), aboutMe: { ...input.aboutMe } };
    }
    const child = (cid) => {
      const c = rec.children.find((x) => x.id === cid);
      if (!c) throw notFound(`There is no child with the id ${cid} in this vault.`);
      return { ...c, yearGroup: yearGroup(c.dob) };
    };
    const plan = (pid) => {
      const p = rec.plans.find((x) => x.id === pid);
      if (!p) throw notFound(`There is no plan with the id ${pid} in this vault.`);
      const vs = rec.versions[pid];
      const first = (stage) => vs.find((v) => v.summary.stage === stage)?.summary.issued ?? null;
      const lastStage = [...vs].reverse().find((v) => v.summary.stage)?.summary.stage;
      const amended = [...vs].reverse().find((v) => v.summary.stage === 'amended')?.summary.issued ?? null;
      return { ...p, status: lastStage ?? 'being_entered', draftServed: first('draft'), issued: first('final'), amended, ceased: null };
    };
    const clone = (x) => JSON.parse(JSON.stringify(x));
    function working(pid) {
      plan(pid);
      const vs = rec.versions[pid];
      const last = vs.at(-1);
      if (!last.summary.frozen) return last;
      const next = clone(last);
      next.summary = { id: id('pv'), planId: pid, number: last.summary.number + 1, stage: null, issued: null, frozen: false, note: null, created: new Date().toISOString() };
      vs.push(next);
      return next;
    }
    function newVersion(pid, number) {
      return { summary: { id: id('pv'), planId: pid, number, stage: null, issued: null, frozen: false, note: null, created: new Date().toISOString() }, sections: [], needs: [], outcomes: [], provision: [] };
    }
    function getVersion(pid, number) {
      plan(pid);
      const vs = rec.versions[pid];
      const v = number == null ? vs.at(-1) : vs.find((x) => x.summary.number === number);
      if (!v) throw notFound(`This plan has no version ${number}.`);
      return clone(v);
    }
    function validProvision(input) {
      if (!input.what || !input.what.trim()) throw invalid('Give what the provision is; it can\'t be left blank.');
      if (input.frequency && input.frequency.times === 0) throw invalid("How often can't be zero.");
      if (input.start && input.end && input.end < input.start) throw invalid(`The end date (${british(input.end)}) is before the start date (${british(input.start)}). Check both dates.`);
    }
    function vagueIn(text) {
      const words = text.toLowerCase().split(/[^a-z0-9']+/).filter(Boolean);
      return VAGUE.filter(([, forms]) => forms.some((f) => {
        const fw = f.split(' ');
        return words.some((_, i) => fw.every((w, j) => words[i + j] === w));
      }));
    }
    function check(v) {
      const out = [];
      const vague = (section, itemId, text) => {
        for (const [phrase, , reason] of vagueIn(text)) out.push({ kind: 'vague_wording', section, itemId, phrase, excerpt: text, message: reason });
      };
      for (const s of v.sections) if (['F', 'G', 'H1', 'H2'].includes(s.section)) vague(s.section, null, s.text);
      for (const p of v.provision) {
        vague(p.section, p.id, p.what);
        const miss = (kind, message) => out.push({ kind, section: p.section, itemId: p.id, phrase: null, excerpt: p.what, message });
        if (!p.frequency) miss('no_frequency', "This doesn't say how often, such as twice a week (CoP 9.69: provision should be quantified).");
        if (p.minutes == null) miss('no_duration', "This doesn't say how long each session lasts (CoP 9.69: hours and frequency).");
        if (!p.who && !p.qualification) miss('no_provider', "This doesn't say who delivers it or what qualification they need (CoP 9.69: level of expertise).");
      }
      for (const n of v.needs) {
        if (!v.provision.some((p) => p.needIds.includes(n.id))) out.push({ kind: 'need_without_provision', section: n.section, itemId: n.id, phrase: null, excerpt: n.text, message: 'No provision is linked to this need. Every need should have provision to meet it (SEND Regs 2014 reg 12(1)(f)).' });
      }
      return out;
    }
    function describe(p) {
      const parts = [p.what];
      if (p.who) parts.push(`delivered by ${p.who}`);
      if (p.frequency) parts.push(`${p.frequency.times === 1 ? 'once' : p.frequency.times === 2 ? 'twice' : `${p.frequency.times} times`} a ${p.frequency.per}`);
      if (p.minutes) parts.push(`${p.minutes} minutes each`);
      return parts.join('; ');
    }
    function sectionText(v, s) {
      const lines = v.sections.filter((x) => x.section === s).map((x) => x.text);
      lines.push(...v.needs.filter((n) => n.section === s).map((n) => (n.area ? `${n.area}: ${n.text}` : n.text)));
      if (s === 'E') lines.push(...v.outcomes.map((o) => o.text));
      lines.push(...v.provision.filter((p) => p.section === s).map(describe));
      return lines.join('\n');
    }
    function wordDiff(oldText, newText) {
      const a = oldText.split(/\s+/).filter(Boolean);
      const b = newText.split(/\s+/).filter(Boolean);
      const lcs = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
      for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      const ops = [];
      let i = 0;
      let j = 0;
      while (i < a.length || j < b.length) {
        if (i < a.length && j < b.length && a[i] === b[j]) { ops.push(['same', a[i]]); i++; j++; }
        else if (j === b.length || (i < a.length && lcs[i + 1][j] >= lcs[i][j + 1])) { ops.push(['removed', a[i]]); i++; }
        else { ops.push(['added', b[j]]); j++; }
      }
      const segments = [];
      for (const [kind, word] of ops) {
        const last = segments.at(-1);
        if (last && last.kind === kind) last.text += ` ${word}`;
        else segments.push({ kind, text: word });
      }
      return segments;
    }
    function followUp(e) {
      if (e.kind !== 'call' && e.kind !== 'meeting') return null;
      const person = rec.people.find((p) => p.id === e.personId);
      let note = `${person ? `Dear ${person.name},` : 'Hello,'}\n\nThank you for ${e.kind === 'call' ? 'speaking with me on the phone' : 'meeting with me'} on ${british(e.date)} about ${e.subject}. I am writing to confirm what we discussed.`;
      if (e.summary) note += `\n\nMy note of what was said:\n${e.summary}`;
      if (e.actions.length) note += `\n\nWhat we agreed:${e.actions.map((a) => `\n- ${a.action}`).join('')}`;
      return `${note}\n\nIf you remember anything differently, please tell me in writing within five working days; otherwise I will take this as an accurate record of our conversation.\n\nKind regards`;
    }
    function primaryDate(e) {
      if (e.kind === 'call' || e.kind === 'meeting') return e.dated ?? e.sent ?? e.received;
      return e.direction === 'in' ? (e.received ?? e.dated ?? e.sent) : (e.sent ?? e.dated ?? e.received);
    }
    function allItems(pid) {
      const seen = new Map();
      for (const v of [...rec.versions[pid]].reverse()) for (const p of v.provision) if (!seen.has(p.id)) seen.set(p.id, p);
      return [...seen.values()];
    }
    function chronologyAll() {
      const out = [];
      const name = (cid) => { const c = rec.children.find((x) => x.id === cid); return c ? c.preferredName || c.name : null; };
      for (const c of rec.children) out.push({ date: c.dob, kind: 'child', childId: c.id, childName: name(c.id), title: 'Born', detail: '', sourceId: c.id });
      for (const p of rec.plans) for (const v of rec.versions[p.id]) if (v.summary.issued) out.push({ date: v.summary.issued, kind: 'plan', childId: p.childId, childName: name(p.childId), title: `${p.title}: ${v.summary.stage} issued (version ${v.summary.number})`, detail: p.localAuthority ?? '', sourceId: v.summary.id });
      const VERB = { call: ['Phone call in', 'Phone call out'], meeting: ['Meeting', 'Meeting'], letter: ['Letter received', 'Letter sent'], email: ['Email received', 'Email sent'], text: ['Text received', 'Text sent'] };
      for (const e of rec.log) {
        out.push({ date: e.date, kind: 'correspondence', childId: e.childId, childName: name(e.childId), title: `${VERB[e.kind][e.direction === 'in' ? 0 : 1]}: ${e.subject}`, detail: e.summary, sourceId: e.id });
        for (const a of e.actions) if (a.due) out.push({ date: a.due, kind: 'action', childId: e.childId, childName: name(e.childId), title: `Action due: ${a.action}`, detail: `Agreed in: ${e.subject}`, sourceId: a.id });
      }
      for (const d of rec.deliveries) {
        const p = rec.plans.find((x) => x.id === d.planId);
        const item = allItems(d.planId).find((x) => x.id === d.provisionId);
        out.push({ date: d.dated, kind: 'delivery', childId: p.childId, childName: name(p.childId), title: `Session ${d.status}: ${item ? item.what : 'provision'}`, detail: d.reason ?? d.note ?? '', sourceId: d.id });
      }
      return out.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
    }

    return {
      child_list(args) {
        keys('child_list', args, []);
        return rec.children.map((c) => child(c.id)).sort((a, b) => a.name.localeCompare(b.name));
      },
      child_get(args) {
        keys('child_get', args, ['id']);
        return child(args.id);
      },
      child_add(args) {
        keys('child_add', args, ['input']);
        const c = { id: id('ch'), ...validChild(args.input), created: new Date().toISOString() };
        rec.children.push(c);
        return child(c.id);
      },
      child_update(args) {
        keys('child_update', args, ['id', 'input']);
        const c = rec.children.find((x) => x.id === args.id);
        if (!c) throw notFound('There is no such child.');
        Object.assign(c, validChild(args.input));
        return child(c.id);
      },
      // Photos: `rec.photos` maps child id → data URL; `rec.photoPick` is what the Open dialog
      // "chooses" next: a data URL, null (cancelled) or an error report.
      child_photo_get(args) {
        keys('child_photo_get', args, ['id']);
        child(args.id);
        return (rec.photos || {})[args.id] ?? null;
      },
      child_photo_set(args) {
        keys('child_photo_set', args, ['id']);
        child(args.id);
        const pick = rec.photoPick === undefined ? PHOTO : rec.photoPick;
        if (pick === null) return null;
        if (typeof pick === 'object') throw pick;
        rec.photos = { ...(rec.photos || {}), [args.id]: pick };
        return pick;
      },
      child_photo_remove(args) {
        keys('child_photo_remove', args, ['id']);
        child(args.id);
        if (rec.photos) delete rec.photos[args.id];
        return null;
      },
      people_list(args) {
        keys('people_list', args, []);
        return rec.people;
      },
      plan_list(args) {
        keys('plan_list', args, ['childId']);
        if (args.childId) child(args.childId);
        return rec.plans.filter((p) => !args.childId || p.childId === args.childId).map((p) => plan(p.id));
      },
      plan_add(args) {
        keys('plan_add', args, ['input']);
        const i = args.input;
        child(i.childId);
        const TITLE = { ehc_plan: 'EHC plan', sen_support_plan: 'SEN Support plan', individual_support_plan: 'Individual Support Plan', other: 'Plan' };
        const p = { id: id('pl'), childId: i.childId, kind: i.kind, title: i.title || TITLE[i.kind], localAuthority: i.localAuthority, namedSetting: i.namedSetting, caseworkerId: i.caseworkerId, created: new Date().toISOString() };
        rec.plans.push(p);
        rec.versions[p.id] = [newVersion(p.id, 1)];
        return plan(p.id);
      },
      plan_get(args) {
        keys('plan_get', args, ['planId']);
        return plan(args.planId);
      },
      plan_version(args) {
        keys('plan_version', args, ['planId', 'number']);
        return getVersion(args.planId, args.number);
      },
      plan_versions(args) {
        keys('plan_versions', args, ['planId']);
        plan(args.planId);
        return rec.versions[args.planId].map((v) => ({ ...v.summary }));
      },
      plan_set_section(args) {
        keys('plan_set_section', args, ['planId', 'section', 'label', 'text']);
        const v = working(args.planId);
        v.sections = v.sections.filter((s) => s.section !== args.section);
        if (args.text.trim()) v.sections.push({ section: args.section, label: args.label, position: SECTIONS.indexOf(args.section), text: args.text.trim() });
        v.sections.sort((a, b) => a.position - b.position);
        return { ...v.summary };
      },
      plan_add_need(args) {
        keys('plan_add_need', args, ['planId', 'input']);
        if (!['B', 'C', 'D'].includes(args.input.section)) throw invalid('Needs go in section B, C or D.');
        if (!args.input.text.trim()) throw invalid("Give the need, in the plan's words; it can't be left blank.");
        const v = working(args.planId);
        const need = { id: id('nd'), section: args.input.section, area: args.input.area, text: args.input.text.trim() };
        v.needs.push(need);
        return need;
      },
      plan_add_outcome(args) {
        keys('plan_add_outcome', args, ['planId', 'input']);
        if (!args.input.text.trim()) throw invalid("Give the outcome, in the plan's words; it can't be left blank.");
        const v = working(args.planId);
        const o = { id: id('oc'), text: args.input.text.trim(), pfaArea: args.input.pfaArea, byWhen: args.input.byWhen };
        v.outcomes.push(o);
        return o;
      },
      plan_remove_item(args) {
        keys('plan_remove_item', args, ['planId', 'itemId']);
        const v = working(args.planId);
        v.needs = v.needs.filter((x) => x.id !== args.itemId);
        v.outcomes = v.outcomes.filter((x) => x.id !== args.itemId);
        v.provision = v.provision.filter((x) => x.id !== args.itemId);
        return { ...v.summary };
      },
      provision_add(args) {
        keys('provision_add', args, ['planId', 'input']);
        validProvision(args.input);
        const v = working(args.planId);
        const item = { id: id('pr'), ...clone(args.input), what: args.input.what.trim() };
        v.provision.push(item);
        return item;
      },
      provision_update(args) {
        keys('provision_update', args, ['planId', 'provisionId', 'input']);
        validProvision(args.input);
        const v = working(args.planId);
        const at = v.provision.findIndex((p) => p.id === args.provisionId);
        if (at === -1) throw notFound('This plan has no such provision item.');
        v.provision[at] = { id: args.provisionId, ...clone(args.input) };
        return v.provision[at];
      },
      provision_check(args) {
        keys('provision_check', args, ['planId', 'number']);
        return check(getVersion(args.planId, args.number));
      },
      plan_issue(args) {
        keys('plan_issue', args, ['planId', 'stage', 'issued', 'note']);
        if (args.issued > today()) throw invalid(`The issue date (${british(args.issued)}) is in the future. Check the date and try again.`);
        const v = rec.versions[args.planId].at(-1);
        if (v.summary.frozen) throw invalid('Every version of this plan has already been issued. Make a change first; that starts a new version.');
        Object.assign(v.summary, { stage: args.stage, issued: args.issued, note: args.note, frozen: true });
        return { ...v.summary };
      },
      plan_compare(args) {
        keys('plan_compare', args, ['planId', 'from', 'to']);
        const a = getVersion(args.planId, args.from);
        const b = getVersion(args.planId, args.to);
        const sections = [];
        for (const s of SECTIONS) {
          const [x, y] = [sectionText(a, s), sectionText(b, s)];
          if (!x.trim() && !y.trim()) continue;
          const segments = wordDiff(x, y);
          const words = (kind) => segments.filter((g) => g.kind === kind).flatMap((g) => g.text.split(' '));
          const [added, removed] = [words('added'), words('removed')];
          sections.push({ section: s, title: TITLES[s], changed: added.length + removed.length > 0, segments, added, removed });
        }
        return { from: a.summary, to: b.summary, sections };
      },
      delivery_add(args) {
        keys('delivery_add', args, ['planId', 'input']);
        const i = args.input;
        if (i.dated > today()) throw invalid('The session date is in the future.');
        if (!allItems(args.planId).some((p) => p.id === i.provisionId)) throw notFound('This plan has no such provision item.');
        const d = { id: id('dl'), planId: args.planId, ...clone(i), created: new Date().toISOString() };
        rec.deliveries.push(d);
        return d;
      },
      delivery_list(args) {
        keys('delivery_list', args, ['planId']);
        plan(args.planId);
        return rec.deliveries.filter((d) => d.planId === args.planId).sort((a, b) => (a.dated < b.dated ? -1 : 1));
      },
      delivery_summary(args) {
        keys('delivery_summary', args, ['planId', 'from', 'to']);
        const days = Math.max(0, (Date.parse(args.to) - Date.parse(args.from)) / 86400000 + 1);
        const weeks = Math.round((days / 7) * (39 / 52));
        const current = new Set(getVersion(args.planId, null).provision.map((p) => p.id));
        return allItems(args.planId)
          .filter((p) => current.has(p.id))
          .map((p) => {
            const logged = rec.deliveries.filter((d) => d.provisionId === p.id && d.dated >= args.from && d.dated <= args.to);
            const n = (s) => logged.filter((d) => d.status === s).length;
            const per = p.frequency ? { day: weeks * 5, week: weeks, term: 3 * (weeks / 39), year: weeks / 39 }[p.frequency.per] : null;
            const planned = per === null ? null : Math.floor(p.frequency.times * per);
            const delivered = n('delivered');
            return {
              provisionId: p.id, section: p.section, what: p.what, frequency: p.frequency, planned, delivered, missed: n('missed'), cancelled: n('cancelled'),
              deliveredMinutes: delivered * (p.minutes ?? 0), schoolDays: weeks * 5, schoolWeeks: weeks,
              headline: planned === null ? `${delivered} sessions delivered (the plan doesn't say how many)` : `${delivered} of ${planned} sessions delivered`,
            };
          });
      },
      log_list(args) {
        keys('log_list', args, ['childId']);
        if (args.childId) child(args.childId);
        return rec.log.filter((e) => !args.childId || e.childId === args.childId).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      },
      log_add(args) {
        keys('log_add', args, ['input']);
        const i = args.input;
        if (!i.subject.trim()) throw invalid('Give a subject (a few words saying what it was about); it can\'t be left blank.');
        if ((i.kind === 'call' || i.kind === 'meeting') && !i.dated) throw invalid('Give the date of the call or meeting.');
        const date = primaryDate(i);
        if (!date) throw invalid('Give at least one date: the date on it, the date it was sent or the date it was received.');
        for (const d of [i.dated, i.sent, i.received]) if (d && d > today()) throw invalid(`The date ${british(d)} is in the future. Check the date and try again.`);
        const e = { id: id('co'), ...clone(i), date, actions: i.actions.map((a) => ({ id: id('ac'), ...a, done: false })), created: new Date().toISOString() };
        e.followUp = followUp(e);
        rec.log.push(e);
        return e;
      },
      chronology_list(args) {
        keys('chronology_list', args, ['filter']);
        const f = args.filter;
        if (f.childId) child(f.childId);
        return chronologyAll().filter((e) => (!f.childId || e.childId === f.childId) && (!f.kinds.length || f.kinds.includes(e.kind)) && (!f.from || e.date >= f.from) && (!f.to || e.date <= f.to));
      },
      chronology_save(args) {
        keys('chronology_save', args, ['filter', 'pdf']);
        if (rec.saveCancelled) return null;
        return `/home/parent/Documents/Chronology.${args.pdf ? 'pdf' : 'csv'}`;
      },
      demo_seed(args) {
        keys('demo_seed', args, []);
        const alex = handlers.child_add({ input: { name: 'Alex Example', preferredName: 'Alex', dob: '2013-02-14', localAuthority: 'Anytown Council (fictional)', setting: 'Sample Street Primary School (fictional)', aboutMe: { likes: 'Funny, kind to animals.', matters: 'My dog Biscuit.', support: 'One instruction at a time.' } } });
        const robin = handlers.child_add({ input: { name: 'Robin Example', preferredName: null, dob: '2018-11-03', localAuthority: 'Anytown Council (fictional)', setting: null, aboutMe: { likes: '', matters: '', support: '' } } });
        const p = handlers.plan_add({ input: { childId: alex.id, kind: 'ehc_plan', title: null, localAuthority: 'Anytown Council (fictional)', namedSetting: 'Sample Street Primary School (fictional)', caseworkerId: null } });
        const n = handlers.plan_add_need({ planId: p.id, input: { section: 'B', area: 'Communication and interaction', text: 'Alex finds it hard to follow spoken instructions.' } });
        handlers.provision_add({ planId: p.id, input: { section: 'F', what: 'Speech and language therapy, 1:1', needIds: [n.id], who: 'Speech and language therapist', qualification: null, frequency: { times: 1, per: 'week' }, minutes: 30, groupSize: '1:1', place: null, start: null, end: null, fundedBy: null } });
        handlers.provision_add({ planId: p.id, input: { section: 'F', what: 'Access to regular sensory breaks as required', needIds: [], who: null, qualification: null, frequency: null, minutes: null, groupSize: null, place: null, start: null, end: null, fundedBy: null } });
        return { children: [alex.id, robin.id], plans: [p.id], people: rec.people.length, correspondence: rec.log.length, deliveries: 0, documents: 0, advice: 0, deadlineEvents: 0, packs: 0, packPages: 0, lateAdditions: 0 };
      },
    };
  }

  // ---- Deadlines (src-tauri/src/commands/deadlines.rs): a small model of the engine, enough for
  // the screen's flows. Only decision letters compute dates here: the real rules are tested in Rust.
  const deadlineState = {
    children: [],
    events: [],
    letters: [],
    sentLetters: [],
    today: '2025-06-20',
    settings: { withinStart: 'excludeEventDay', reviewAnchor: 'meetingDate', reviewDecisionWeeks: 4, amendmentWeeks: 8, reviewPapersWeeksBefore: 2, earlyYearsReviewMonths: 6, healthMediationDays: 'calendar', academicYearEndMonth: 8, academicYearEndDay: 31 },
    ...(config.deadlines || {}),
  };
  const KINDS = [
    ['assessment-request-received', 'Request for assessment received', 'assessment', 'received'],
    ['decision-to-assess-sent', 'Decision to assess sent', 'assessment', 'sent'],
    ['review-meeting', 'Annual review meeting held', 'reviews', 'held'],
    ['decision-notice-sent', 'Decision letter sent', 'appeals', 'sent'],
    ['tribunal-order-sent', 'Tribunal order sent', 'tribunal', 'sent'],
  ].map(([kind, label, group, basis]) => ({ kind, label, group, basis, needsOrder: kind === 'tribunal-order-sent', needsUntil: false }));
  const daysBetween = (a, b) => Math.round((Date.parse(a) - Date.parse(b)) / 86400000);
  const addMonths = (iso, n) => {
    const d = new Date(`${iso}T00:00:00Z`);
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + n);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
    return d.toISOString().slice(0, 10);
  };
  function computeDeadlines(childId) {
    const out = [];
    for (const e of deadlineState.events.filter((x) => x.childId === childId && x.kind === 'decision-notice-sent')) {
      for (const [n, key, title, who, nature, source] of [
        ['R22', 'mediation-contact', 'Contact the mediation adviser', 'family', 'right', 'SEND Regs 2014 reg 33'],
        ['R27', 'appeal-deadline', 'Appeal to the SEND Tribunal', 'family', 'right', 'HESC Rules 2008 r.20(1)(c); r.12(1)-(3)'],
      ]) {
        const due = addMonths(e.date, 2);
        const left = daysBetween(due, deadlineState.today);
        out.push({
          id: `${n}-${key}-${e.date}`, rule: n, key, title, who, nature, due, trigger: e.kind, triggerDate: e.date,
          triggerReference: e.id, source, counting: 'monthsAfter', countingWords: `2 months after ${e.date}`,
          explanation: key === 'appeal-deadline'
            ? `You can appeal to the SEND Tribunal until 5pm on ${due}, 2 months after the decision was sent.`
            : `Before most appeals you must contact the mediation adviser within 2 months of the decision being sent.`,
          status: left >= 0 ? { state: 'dueIn', days: left } : { state: 'passed', days: -left },
          flags: [],
        });
      }
    }
    return out.sort((a, b) => a.due.localeCompare(b.due));
  }
  function childOf(id) {
    const child = deadlineState.children.find((c) => c.id === id);
    if (!child) throw report('not_found', `There is no child with the id ${id}.`);
    return child;
  }
  function dashboard(childId) {
    const child = childOf(childId);
    const deadlines = computeDeadlines(childId);
    const open = deadlines.filter((d) => d.status.state === 'dueIn');
    return {
      childId, childName: child.name, today: deadlineState.today,
      events: deadlineState.events.filter((e) => e.childId === childId).map((e) => ({ ...e })),
      deadlines, nextDue: open[0] ?? null, dueSoon: open.filter((d) => d.status.days <= 14),
      overdue: deadlines.filter((d) => d.status.state === 'overdue'), dueSoonDays: 14,
    };
  }
  const deadlineHandlers = {
    deadlines_children(args) {
      expectArgs('deadlines_children', args, {});
      requireUnlocked();
      return deadlineState.children;
    },
    deadlines_child_add(args) {
      expectArgs('deadlines_child_add', args, { name: 'string', dob: 'string' });
      requireUnlocked();
      const child = {
        id: `ch_${deadlineState.children.length + 1}`, name: args.name, preferredName: null, dob: args.dob,
        localAuthority: null, setting: null, aboutMe: { likes: '', matters: '', support: '' },
        yearGroup: { number: 4, label: 'Year 4' }, created: '2025-06-20T09:00:00Z',
      };
      deadlineState.children.push(child);
      return child;
    },
    deadlines_event_kinds(args) {
      expectArgs('deadlines_event_kinds', args, {});
      return KINDS;
    },
    deadlines_dashboard(args) {
      expectArgs('deadlines_dashboard', args, { childId: 'string' });
      requireUnlocked();
      return dashboard(args.childId);
    },
    deadlines_event_add(args) {
      expectArgs('deadlines_event_add', args, { childId: 'string', event: 'object' });
      requireUnlocked();
      childOf(args.childId);
      const e = args.event;
      let date = e.date;
      if (!date && e.correspondenceId) date = deadlineState.letters.find((l) => l.id === e.correspondenceId)?.sent ?? null;
      if (!date) throw report('invalid_input', 'Give the date.');
      const kind = KINDS.find((k) => k.kind === e.kind);
      const added = {
        id: `de_${deadlineState.events.length + 1}`, childId: args.childId, kind: e.kind, label: kind ? kind.label : e.kind,
        date, until: e.until, order: e.order, outcome: e.outcome, days: e.days, correspondenceId: e.correspondenceId,
        note: e.note, derived: false, derivedFrom: null,
      };
      deadlineState.events.push(added);
      return added;
    },
    deadlines_event_delete(args) {
      expectArgs('deadlines_event_delete', args, { id: 'string' });
      requireUnlocked();
      deadlineState.events = deadlineState.events.filter((e) => e.id !== args.id);
      return null;
    },
    deadlines_correspondence(args) {
      expectArgs('deadlines_correspondence', args, { childId: 'string' });
      requireUnlocked();
      return deadlineState.letters.filter((l) => l.childId === args.childId);
    },
    deadlines_due_soon(args) {
      expectArgs('deadlines_due_soon', args, {});
      requireUnlocked();
      return deadlineState.children.flatMap((c) =>
        dashboard(c.id).dueSoon.map((deadline) => ({ childId: c.id, childName: c.name, deadline })),
      );
    },
    deadlines_accountability(args) {
      expectArgs('deadlines_accountability', args, { childId: 'string' });
      requireUnlocked();
      const child = childOf(args.childId);
      return {
        childId: child.id, childName: child.name, localAuthority: null, today: deadlineState.today, steps: [],
        onTime: 0, late: 0, overdue: 0, open: 0, totalDaysLate: 0,
        headline: 'No statutory steps for the local authority yet: record a request, a review meeting or a decision to see them.',
      };
    },
    deadlines_accountability_save(args) {
      expectArgs('deadlines_accountability_save', args, { childId: 'string' });
      return '/home/parent/Documents/Statutory steps.pdf';
    },
    deadlines_ics_save(args) {
      expectArgs('deadlines_ics_save', args, { childId: 'string' });
      requireUnlocked();
      return '/home/parent/Documents/deadlines.ics';
    },
    deadlines_letter_offers(args) {
      expectArgs('deadlines_letter_offers', args, { childId: 'string' });
      requireUnlocked();
      return [];
    },
    // A letter saved as PDF (Save dialog) and, once sent, logged as outgoing correspondence.
    deadlines_letter_save(args) {
      expectArgs('deadlines_letter_save', args, { letter: 'object' });
      return `/home/parent/Documents/${args.letter.subject.replace(/[:/\\]/g, ' -')}.pdf`;
    },
    deadlines_letter_sent(args) {
      const { letter, sent, channel } = args || {};
      const keys = Object.keys(args || {}).sort().join(',');
      if (keys !== 'channel,letter,sent' || typeof letter !== 'object' || typeof sent !== 'string' || !(channel === null || typeof channel === 'string')) {
        const text = `deadlines_letter_sent: keys ${keys}; wanted letter (object), sent (string), channel (string or null)`;
        violations.push(text);
        throw report('internal', `fake IPC contract violation: ${text}`);
      }
      requireUnlocked();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(sent)) throw report('invalid_input', 'Give the date sent as a date.');
      const entry = {
        id: `co-${deadlineState.sentLetters.length + 1}`, childId: letter.childId, personId: null,
        kind: channel?.toLowerCase() === 'email' ? 'email' : 'letter', direction: 'out', subject: letter.subject,
        dated: letter.dated, sent, received: null, channel, proofOfDelivery: null, summary: letter.text, actions: [],
        date: sent, followUp: null, created: '2025-11-14T10:00:00Z',
      };
      deadlineState.sentLetters.push(entry);
      return entry;
    },
    deadlines_notification_details(args) {
      expectArgs('deadlines_notification_details', args, {});
      requireUnlocked();
      return deadlineState.notificationDetails === true;
    },
    deadlines_notification_details_set(args) {
      expectArgs('deadlines_notification_details_set', args, { on: 'boolean' });
      requireUnlocked();
      deadlineState.notificationDetails = args.on;
      return args.on;
    },
    deadlines_settings(args) {
      expectArgs('deadlines_settings', args, {});
      return { ...deadlineState.settings };
    },
    deadlines_settings_set(args) {
      expectArgs('deadlines_settings_set', args, { settings: 'object' });
      requireUnlocked();
      // The same bounds as src/milestones/settings.rs.
      for (const [key, what] of [['reviewDecisionWeeks', 'weeks for the review decision'], ['amendmentWeeks', 'weeks for the final amended plan']]) {
        const v = args.settings[key];
        if (!(v >= 1 && v <= 52)) throw report('invalid_input', `The ${what} must be between 1 and 52; ${v} was given.`);
      }
      deadlineState.settings = { ...args.settings };
      return { ...deadlineState.settings };
    },
  };
  Object.assign(handlers, deadlineHandlers);

  // Bundles (src-tauri/src/commands/bundle.rs): templates, the child's documents, a plan worked
  // out the way src/bundle/plan.rs numbers pages (cover 1, index 2, a divider per section, then
  // its documents, manifest last), saved packs, and Build with progress events.
  Object.assign(handlers, makeBundleHandlers());

  function makeBundleHandlers() {
    const packs = { saved: [], builtWith: null, builtPackId: null, lastBuilt: null, opened: [], cancelSave: false, ...(config.bundle || {}) };
    window.__carefileBundle = packs;
    const docs = packs.documents || [
      { id: 'doc-ep', title: 'Educational psychology report', kind: 'report', role: 'expert_report', author: 'Dr A Example', dated: '2021-09-01', sha256: 'a'.repeat(64), pages: 16, hasTextLayer: true, format: 'pdf', attachedTo: null, problem: null },
      { id: 'doc-dec', title: 'Decision not to amend', kind: 'decision', role: 'other', author: 'Anytown Council', dated: '2025-06-01', sha256: 'b'.repeat(64), pages: 2, hasTextLayer: true, format: 'pdf', attachedTo: null, problem: null },
      { id: 'doc-plan', title: 'Final EHC plan', kind: 'plan', role: 'other', author: 'Anytown Council', dated: '2025-01-10', sha256: 'c'.repeat(64), pages: 30, hasTextLayer: true, format: 'pdf', attachedTo: null, problem: null },
      { id: 'doc-salt', title: 'Speech and language therapy report', kind: 'report', role: 'expert_report', author: 'Ms B Example', dated: '2025-03-03', sha256: 'd'.repeat(64), pages: 90, hasTextLayer: false, format: 'pdf', attachedTo: null, problem: null },
      { id: 'doc-photo', title: 'Photo of the work station', kind: 'photo', role: 'other', author: null, dated: null, sha256: 'e'.repeat(64), pages: 1, hasTextLayer: false, format: 'image', attachedTo: null, problem: null },
    ];
    const letter = (i) => String.fromCharCode(65 + i);
    const titleOf = (id, fallback) => docs.find((d) => d.id === id)?.title ?? fallback;
    const childName = (id) => window.__carefileRecord?.children.find((c) => c.id === id)?.name ?? 'your child';
    const pageSpan = ([a, b]) => (a === b ? `page ${a}` : `pages ${a}–${b}`);
    // The fixed report of a 160-page bundle: something of every kind wrong (or nothing, with
    // `checkClean`); page limits only with an appeal type, as src/bundle/check/budgets.rs.
    function checkReport(appealType) {
      const t = (id, fallback) => ({ document: id, title: titleOf(id, fallback) });
      const ep = t('doc-ep', 'Educational psychology report');
      const budgets = (over) => {
        if (!appealType) return [];
        const ev = ['refusal_to_issue', 'contents'].includes(appealType) ? 100 : 75;
        return [
          { section: 'Core papers', limit: 100, pages: 4, ranges: [[1, 4]], source: 'index' },
          { section: 'EHC plan and Section K appendices', limit: 150, pages: 30, ranges: [[5, 34]], source: 'index' },
          { section: "Parent's evidence", limit: ev, pages: over ? 120 : 40, ranges: over ? [[35, 154]] : [[35, 74]], source: 'index' },
          { section: "Local authority's evidence", limit: ev, pages: 6, ranges: [[155, 160]], source: 'index' },
        ];
      };
      if (packs.checkClean) {
        return {
          pages: 40, checked: 2, found: [{ ...t('doc-dec', 'Decision not to amend'), pages: [3, 4] }, { ...ep, pages: [5, 20] }],
          missing: [], duplicates: [], outdated: [], partial: [], unreadable: [], otherPages: [1, 2, ...Array.from({ length: 20 }, (_, i) => 21 + i)],
          notChecked: [], index: [], budgets: budgets(false),
        };
      }
      return {
        pages: 160,
        checked: 6,
        found: [
          { ...t('doc-dec', 'Decision not to amend'), pages: [3, 3] },
          { ...t('doc-plan-draft', 'EHC plan (draft)'), pages: [5, 34] },
          { ...ep, pages: [36, 51] },
          { ...ep, pages: [52, 67] },
          { ...t('doc-ep-update', 'Educational psychology update'), pages: [69, 72] },
        ],
        missing: [t('doc-salt', 'Speech and language therapy report')],
        duplicates: [{ ...ep, occurrences: [[36, 51], [52, 67]] }],
        outdated: [{ ...t('doc-plan-draft', 'EHC plan (draft)'), pages: [5, 34], dated: '2024-10-01', newer: 'doc-plan', newerTitle: titleOf('doc-plan', 'Final EHC plan'), newerDated: '2025-01-10' }],
        partial: [
          { ...t('doc-dec', 'Decision not to amend'), pages: [3, 3], missingPages: [2], order: null },
          { ...t('doc-ep-update', 'Educational psychology update'), pages: [69, 72], missingPages: [], order: [1, 3, 2, 4] },
        ],
        unreadable: [68],
        otherPages: [1, 2, 4, 35, ...Array.from({ length: 88 }, (_, i) => 73 + i)],
        notChecked: [t('doc-photo', 'Photo of the work station')],
        index: [{ entry: 'Educational psychology report', listed: 40, indexPage: 2, document: 'doc-ep', actual: [[36, 51], [52, 67]] }],
        budgets: budgets(true),
      };
    }
    // The report's problems as the letter's paragraphs (src/bundle/check/letter.rs, shortened).
    function checkProblems(c) {
      const list = (items) => items.map((l) => `- ${l}`).join('\n');
      const out = [];
      if (c.missing.length) out.push(`These documents I sent are not in the bundle at all:\n\n${list(c.missing.map((m) => m.title))}`);
      if (c.outdated.length) out.push(`These are old versions:\n\n${list(c.outdated.map((o) => `${o.title} at ${pageSpan(o.pages)}: the current version is “${o.newerTitle}”`))}`);
      if (c.partial.length) out.push(`These documents are incomplete or their pages are out of order:\n\n${list(c.partial.map((p) => `${p.title} at ${pageSpan(p.pages)}`))}`);
      if (c.duplicates.length) out.push(`These documents are in the bundle more than once:\n\n${list(c.duplicates.map((d) => `${d.title} at ${d.occurrences.map(pageSpan).join(' and ')}`))}`);
      if (c.unreadable.length) out.push(`These pages have no readable text: ${c.unreadable.join(', ')}.`);
      if (c.index.length) out.push(`The index gives the wrong page for:\n\n${list(c.index.map((i) => `“${i.entry}”: the index says page ${i.listed}`))}`);
      const over = c.budgets.filter((b) => b.pages > b.limit);
      if (over.length) out.push(`These sections are over the page limits:\n\n${list(over.map((b) => `${b.section}: ${b.pages} pages, ${b.pages - b.limit} more than the limit of ${b.limit}`))}`);
      return out;
    }
    const checkLetterOf = (childId, subject, text) => ({
      kind: 'bundle-problems', childId, deadlineId: null, subject, regulation: 'the Practice Direction on bundles of 22 April 2025',
      triggerDate: null, due: null, daysOverdue: null, dated: '2025-11-14', text,
    });
    // The pages a plan describes: cover, index, a divider per section, its documents, the manifest.
    function planPages(p) {
      const pages = Array.from({ length: p.totalPages }, () => ['']);
      pages[0] = [p.title, p.subtitle ?? '', 'Cover'];
      pages[p.indexFirstPage - 1] = ['Index', ...p.sections.map((s) => `${s.letter}. ${s.title} ... ${s.firstPage}`)];
      for (const s of p.sections) {
        pages[s.firstPage - 1] = [`Section ${s.letter}`, s.title];
        for (const d of s.documents) {
          for (let n = d.firstPage; n <= d.lastPage; n += 1) pages[n - 1] = [`${d.tab} ${d.document.title}`, `Page ${n - d.firstPage + 1} of ${d.document.pages}`];
        }
      }
      for (const n of p.blankPages) pages[n - 1] = ['This page is intentionally blank'];
      pages[p.manifestFirstPage - 1] = ['Manifest', `Fingerprint ${p.fingerprint.slice(0, 16)}`];
      return pages;
    }
    function keys(cmd, args, wanted) {
      const got = Object.keys(args || {}).sort().join(',');
      if (got !== [...wanted].sort().join(',')) {
        const text = `${cmd}: keys ${got}, wanted ${[...wanted].sort().join(',')}`;
        violations.push(text);
        throw report('internal', `fake IPC contract violation: ${text}`);
      }
      requireUnlocked();
    }
    function noteIssue(id, plan, lateFrom) {
      packs.issues ??= {};
      const list = (packs.issues[id] ??= []);
      list.push({ issue: list.length + 1, built: '2025-11-14T10:00:00Z', sha256: '0'.repeat(64), fingerprint: plan.fingerprint, pages: plan.totalPages, lateFrom, plan });
    }
    function lastIssue(id) {
      const p = findPack(id);
      const last = packs.issues?.[id]?.at(-1);
      if (!last) throw report('invalid_input', `“${p.title}” hasn't been built yet. Build it first; late additions can then be appended to that issue.`);
      return last;
    }
    function findPack(id) {
      const p = packs.saved.find((x) => x.id === id);
      if (!p) throw report('not_found', `There is no saved pack with the id ${id}. \`carefile bundle list\` shows the saved packs.`);
      return p;
    }
    function template(kind, appealType) {
      const s = (i, title, budget, kinds, extract = null) => ({ letter: letter(i), title, budget, kinds, extract });
      if (kind === 'tribunal') {
        const ev = ['refusal_to_issue', 'contents'].includes(appealType) ? 100 : 75;
        return { kind, appealType, title: 'Tribunal bundle', sections: [s(0, 'Core papers', 100, ['decision']), s(1, 'EHC plan and Section K appendices', 150, ['plan']), s(2, 'Working document', 25, []), s(3, "Parent's evidence", ev, ['report', 'school_report', 'evidence', 'letter', 'email', 'minutes', 'photo', 'other']), s(4, "Local authority's evidence", ev, [])] };
      }
      if (kind === 'annual_review') {
        return { kind, appealType: null, title: 'Annual review pack', sections: [s(0, "Parent's views", null, [], 'parent_views'), s(1, "Child's views", null, [], 'child_views'), s(2, 'New reports', null, ['report', 'school_report']), s(3, 'Requested changes', null, [], 'requested_changes')] };
      }
      return { kind, appealType: null, title: 'Pack', sections: [s(0, 'Documents', null, ['report', 'school_report', 'evidence', 'letter', 'email', 'minutes', 'photo', 'other', 'decision', 'plan'])] };
    }
    function plan(request) {
      const t = template(request.kind, request.appealType);
      const choices = request.sections.length
        ? request.sections
        : t.sections.map((spec) => ({ spec, documentIds: docs.filter((d) => spec.kinds.includes(d.kind)).map((d) => d.id), order: 'chronological' }));
      const print = request.options.printEdition;
      const blanks = [];
      let next = 2;
      const odd = () => { if (print && next % 2 === 0) { blanks.push(next); next += 1; } };
      odd();
      const indexFirstPage = next;
      next += 1;
      const warnings = [];
      const sections = choices.map((c) => {
        let list = c.documentIds.map((id) => docs.find((d) => d.id === id)).filter(Boolean);
        if (c.order === 'chronological') list = [...list].sort((a, b) => (a.dated ?? '9999').localeCompare(b.dated ?? '9999'));
        // A record extract (views, requested changes) comes first, a page per 1,500 characters.
        const text = { parent_views: request.parentViews, child_views: request.childViews, requested_changes: request.requestedChanges }[c.spec.extract];
        if (c.spec.extract) list = [{ id: `extract:${c.spec.letter.toLowerCase()}-${c.spec.extract}`, title: c.spec.title, kind: 'other', role: 'other', author: 'From the Carefile record', dated: '2025-11-14', sha256: '9'.repeat(64), pages: Math.max(1, Math.ceil((text ?? '').length / 1500)), hasTextLayer: true, format: 'generated', attachedTo: null, problem: null }, ...list];
        odd();
        const firstPage = next;
        next += 1;
        const documents = list.map((d, i) => {
          odd();
          const first = next;
          next += d.pages;
          if (d.role === 'expert_report' && d.pages > 15) warnings.push({ code: 'expert_report_too_long', message: `“${d.title}” is an expert report of ${d.pages} pages; the Practice Direction allows 15.`, section: c.spec.letter, documentId: d.id });
          if (!d.hasTextLayer) warnings.push({ code: 'no_text_layer', message: `“${d.title}” has pages with no text layer. Run OCR on it first.`, section: c.spec.letter, documentId: d.id });
          if (!d.dated) warnings.push({ code: 'undated', message: `“${d.title}” has no date.`, section: c.spec.letter, documentId: d.id });
          return { document: d, tab: `${c.spec.letter}${i + 1}`, firstPage: first, lastPage: next - 1, blanksBefore: 0 };
        });
        const documentPages = list.reduce((n, d) => n + d.pages, 0);
        const over = c.spec.budget !== null && documentPages > c.spec.budget ? documentPages - c.spec.budget : null;
        if (over) warnings.push({ code: 'over_budget', message: `Section ${c.spec.letter} (${c.spec.title}) has ${documentPages} pages against a limit of ${c.spec.budget}: ${over} pages over. Ask the Tribunal for a request for change (form SEND7).`, section: c.spec.letter, documentId: null });
        return { letter: c.spec.letter, title: c.spec.title, budget: c.spec.budget, firstPage, lastPage: next - 1, documentPages, overBudgetBy: over, blanksBefore: 0, documents };
      });
      odd();
      const manifestFirstPage = next;
      return { kind: request.kind, title: request.title?.trim() ? request.title : t.title, subtitle: 'Sam Example', coverLines: [], appealType: t.appealType, hearing: request.hearing, today: '2025-11-14', options: request.options, indexFirstPage, indexPages: 1, sections, manifestFirstPage, manifestPages: 1, totalPages: manifestFirstPage, blankPages: blanks, fingerprint: 'f'.repeat(64), warnings, excluded: [] };
    }
    return {
      bundle_template(args) {
        keys('bundle_template', args, ['kind', 'appealType']);
        return template(args.kind, args.appealType);
      },
      bundle_documents(args) {
        keys('bundle_documents', args, ['childId']);
        return docs;
      },
      bundle_plan(args) {
        keys('bundle_plan', args, ['request']);
        return plan(args.request);
      },
      bundle_pack_save(args) {
        keys('bundle_pack_save', args, ['id', 'request']);
        // As src/bundle/vault.rs: the title is the request's, or the template's; an id updates.
        const r = args.request;
        const title = r.title?.trim() ? r.title : template(r.kind, r.appealType).title;
        const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
        const old = args.id ? findPack(args.id) : null;
        const saved = { id: args.id || `pk-${packs.saved.length + 1}`, childId: r.childId, kind: r.kind, title, request: r, created: old?.created ?? now, updated: now, lastBuilt: old?.lastBuilt ?? null, lastSha256: old?.lastSha256 ?? null, lastFingerprint: old?.lastFingerprint ?? null, lastPages: old?.lastPages ?? null };
        packs.saved = [saved, ...packs.saved.filter((p) => p.id !== saved.id)];
        return saved;
      },
      bundle_pack_list(args) {
        keys('bundle_pack_list', args, ['childId']);
        return packs.saved.filter((p) => args.childId === null || p.childId === args.childId);
      },
      bundle_pack_get(args) {
        keys('bundle_pack_get', args, ['id']);
        return findPack(args.id);
      },
      bundle_pack_delete(args) {
        keys('bundle_pack_delete', args, ['id']);
        findPack(args.id);
        packs.saved = packs.saved.filter((p) => p.id !== args.id);
        return null;
      },
      // Preview: built in memory, progress events as for Build, the PDF's bytes straight back;
      // nothing saved, nothing noted on a saved pack, no file to open.
      async bundle_preview(args) {
        keys('bundle_preview', args, ['request']);
        const p = plan(args.request);
        packs.previewedWith = args.request;
        packs.previewedPages = p.totalPages;
        for (let done = 0; done <= 4; done += 1) {
          emit('bundle-progress', { done, total: 4, step: done < 4 ? `Preview step ${done + 1}` : 'Done' });
          await new Promise((r) => setTimeout(r, 80));
        }
        return pagesPdf(planPages(p));
      },
      async bundle_build_save(args) {
        keys('bundle_build_save', args, ['request', 'fileName', 'packId']);
        if (packs.cancelSave) return null;
        packs.builtWith = args.request;
        packs.builtPackId = args.packId;
        const p = plan(args.request);
        for (let done = 0; done <= 4; done += 1) {
          emit('bundle-progress', { done, total: 4, step: done < 4 ? `Step ${done + 1}` : 'Done' });
          await new Promise((r) => setTimeout(r, 60));
        }
        const path = `/home/family/${args.fileName}`;
        packs.lastBuilt = path;
        const saved = args.packId && packs.saved.find((x) => x.id === args.packId);
        if (saved) {
          Object.assign(saved, { lastBuilt: '2025-11-14T10:00:00Z', lastSha256: '0'.repeat(64), lastFingerprint: p.fingerprint, lastPages: p.totalPages });
          noteIssue(saved.id, p, null);
        }
        return { path, sha256: '0'.repeat(64), plan: p };
      },
      // Issues and late additions, as src/bundle/saved.rs: every build of a saved pack is an issue;
      // a re-issue appends a late section where the manifest was, and the manifest moves to the end.
      bundle_pack_issues(args) {
        keys('bundle_pack_issues', args, ['id']);
        findPack(args.id);
        return (packs.issues?.[args.id] ?? []).map(({ plan: _plan, ...issue }) => issue);
      },
      bundle_reissue_candidates(args) {
        keys('bundle_reissue_candidates', args, ['packId']);
        const last = lastIssue(args.packId);
        const inIt = new Set(last.plan.sections.flatMap((s) => s.documents.map((d) => d.document.id)));
        return docs.filter((d) => !inIt.has(d.id));
      },
      async bundle_reissue_save(args) {
        keys('bundle_reissue_save', args, ['packId', 'documentIds', 'fileName']);
        if (!args.documentIds.length) throw report('invalid_input', 'Choose at least one document to add.');
        const last = lastIssue(args.packId);
        if (packs.cancelSave) return null;
        packs.reissuedWith = args.documentIds;
        const before = last.plan;
        const first = before.manifestFirstPage;
        let next = first + 1;
        const added = args.documentIds.map((id, i) => {
          const d = docs.find((x) => x.id === id);
          const placed = { document: d, tab: `${letter(before.sections.length)}${i + 1}`, firstPage: next, lastPage: next + d.pages - 1, blanksBefore: 0 };
          next += d.pages;
          return placed;
        });
        const lateSection = { letter: letter(before.sections.length), title: 'Late additions, 14 Nov 2025', budget: null, firstPage: first, lastPage: next - 1, documentPages: next - first - 1, overBudgetBy: null, blanksBefore: 0, documents: added, late: true };
        const p = { ...before, sections: [...before.sections, lateSection], manifestFirstPage: next, totalPages: next, fingerprint: 'e'.repeat(64) };
        emit('bundle-progress', { done: 1, total: 1, step: 'Done' });
        const path = `/home/family/${args.fileName}`;
        packs.lastBuilt = path;
        Object.assign(findPack(args.packId), { lastBuilt: '2025-11-14T11:00:00Z', lastFingerprint: p.fingerprint, lastPages: p.totalPages });
        noteIssue(args.packId, p, first);
        return { path, sha256: '1'.repeat(64), plan: p };
      },
      // The check of a bundle the family was sent (src-tauri/src/commands/bundle_check.rs): the
      // Open dialog (or a cancel), progress events, then a fixed report; the letter and the SEND7
      // draft written from the report the page sends back, as src/bundle/check/letter.rs does.
      async bundle_check_pick(args) {
        keys('bundle_check_pick', args, ['childId', 'packId', 'appealType']);
        if (packs.checkCancelled) return null;
        const steps = ['Reading the bundle', 'Reading page 80 of 160', 'Looking for your documents', 'Done'];
        for (const [done, step] of steps.entries()) {
          emit('bundle-check-progress', { done, total: steps.length - 1, step });
          await new Promise((r) => setTimeout(r, packs.checkDelay ?? 80));
        }
        return { fileName: packs.checkFileName ?? 'Tribunal bundle from Anytown Council.pdf', check: checkReport(args.appealType) };
      },
      bundle_check_letter(args) {
        keys('bundle_check_letter', args, ['childId', 'fileName', 'check', 'from']);
        const found = checkProblems(args.check);
        if (!found.length) throw report('invalid_input', 'The check found nothing wrong with the bundle, so there is nothing for a letter to ask the local authority to put right.');
        const name = childName(args.childId);
        const subject = `Problems in the tribunal bundle for ${name}`;
        const text = [
          '14 November 2025', `To: The SEND team, Anytown Council\nAbout: ${name}\nSubject: ${subject}`, 'Dear SEND team,',
          `I have checked the tribunal bundle you sent me for ${name}'s appeal (${args.fileName}, ${args.check.pages} pages) page by page against the documents I hold.`,
          ...found,
          'Please send me a corrected bundle, and confirm that the Tribunal has it, within 5 working days of this letter.',
          'Yours sincerely,', args.from?.trim() || '[Your name]',
        ].join('\n\n');
        return checkLetterOf(args.childId, subject, text);
      },
      bundle_check_send7(args) {
        keys('bundle_check_send7', args, ['childId', 'fileName', 'check', 'from']);
        const over = args.check.budgets.find((b) => b.section.startsWith("Parent's evidence") && b.pages > b.limit);
        if (!over) throw report('invalid_input', 'Your evidence is within its page limit, so there is no request for more pages to draft.');
        const name = childName(args.childId);
        const subject = `Request for change (SEND7): more evidence pages for ${name}`;
        const ranges = over.ranges.map(([a, b]) => (a === b ? `page ${a}` : `pages ${a}–${b}`)).join(', ');
        const text = [
          '14 November 2025', `Subject: ${subject}`, 'What I am asking for',
          `Permission to include ${over.pages} pages of evidence from the parent, ${over.pages - over.limit} more than the limit of ${over.limit} pages in the Practice Direction on bundles of 22 April 2025.`,
          `In the bundle (${args.fileName}), the parent's evidence is at ${ranges}.`, args.from?.trim() || '[Your name]',
        ].join('\n\n');
        return checkLetterOf(args.childId, subject, text);
      },
      // Versions (src/documents/versions.rs): marks, and suggestions not yet marked.
      document_versions(args) {
        keys('document_versions', args, ['childId']);
        const marks = packs.versionMarks ?? [];
        const marked = (s) => marks.some((m) => m.newer === s.newer && m.older === s.older);
        return { marks, suggestions: (packs.versionSuggestions ?? []).filter((s) => !marked(s)) };
      },
      document_mark_version(args) {
        keys('document_mark_version', args, ['newer', 'older', 'clear']);
        if (args.newer === args.older) throw report('invalid_input', "A document can't be a newer version of itself.");
        const others = (packs.versionMarks ?? []).filter((m) => m.newer !== args.newer);
        packs.versionMarks = args.clear ? others : [...others, { newer: args.newer, older: args.older, created: '2025-11-14T10:00:00Z' }];
        return null;
      },
      // Open / Show in folder act only on the file just built (the app keeps the path).
      bundle_open_built(args) {
        keys('bundle_open_built', args, []);
        if (!packs.lastBuilt) throw report('invalid_input', 'Build the pack first: Carefile opens only a bundle it has just saved.');
        packs.opened.push({ how: 'open', path: packs.lastBuilt });
        return null;
      },
      bundle_show_built(args) {
        keys('bundle_show_built', args, []);
        if (!packs.lastBuilt) throw report('invalid_input', 'Build the pack first: Carefile opens only a bundle it has just saved.');
        packs.opened.push({ how: 'show', path: packs.lastBuilt });
        return null;
      },
    };
  }

  // Documents (src-tauri/src/commands/documents.rs): import with progress events (dialog, folder,
  // dropped files), the list, search with [bracketed] hits, pages and their words, the viewer's
  // bytes (a small real PDF built here, so pdf.js draws it), metadata, export and OCR in batches.
  Object.assign(handlers, makeDocumentHandlers());

  function makeDocumentHandlers() {
    const state = {
      documents: [],
      pages: {},
      ocrAvailable: false,
      ocrWaiting: 0,
      // Documents waiting to be read again after an upgrade, and how long each batch takes.
      rereadWaiting: 0,
      rereadDelay: 0,
      exportCancelled: false,
      importCancelled: false,
      nextImport: null,
      ...(config.documents || {}),
    };
    window.__carefileDocuments = state;
    let seq = 1;

    // A minimal PDF with one line of Helvetica text per page.
    function makePdf(texts) {
      const esc = (t) => t.replace(/[\\()]/g, (c) => `\\${c}`);
      return pdfOfStreams(texts.map((text) => `BT /F1 14 Tf 72 720 Td (${esc(text)}) Tj ET`));
    }

    function addDocument(d, texts) {
      const id = d.id || `doc-${seq++}`;
      const doc = {
        id, sha256: 'f'.repeat(64), fileName: `${d.title}.pdf`, format: 'pdf', mediaType: 'application/pdf', size: 48213,
        title: 'Untitled', kind: 'report', author: null, dated: null, received: null, planSection: null, tags: [], childIds: [], personIds: [],
        pages: texts.length, textStatus: 'readable', statusNote: null, hasRendition: false, image: null, email: null,
        attachedTo: null, attachmentIds: [], imported: '2025-11-14T10:00:00Z', updated: '2025-11-14T10:00:00Z', ...d,
      };
      state.documents.push(doc);
      state.pages[id] = texts;
      return doc;
    }
    for (const d of config.documents?.seed || []) addDocument(d, d.texts || ['']);
    state.documents.forEach((d) => delete d.texts);

    function keys(cmd, args, wanted) {
      const got = Object.keys(args || {}).sort().join(',');
      if (got !== [...wanted].sort().join(',')) {
        const text = `${cmd}: keys ${got}, wanted ${[...wanted].sort().join(',')}`;
        violations.push(text);
        throw report('internal', `fake IPC contract violation: ${text}`);
      }
      requireUnlocked();
    }
    const find = (id) => {
      const d = state.documents.find((x) => x.id === id);
      if (!d) throw report('not_found', `There is no document with the id ${id} in this vault.`);
      return d;
    };
    const matches = (d, f) =>
      (!f.childId || d.childIds.includes(f.childId)) &&
      (!f.kind || d.kind === f.kind) &&
      (!f.from || (d.dated ?? '') >= f.from) &&
      (!f.to || (d.dated ?? '9999') <= f.to);

    async function importFake(files, metadata) {
      const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
      const planned = state.nextImport || files.map((file) => ({ file, texts: ['A new page about speech and language therapy.'] }));
      emit('import-progress', { stage: 'scanning', done: 0, total: 0, item: null });
      const result = { outcomes: [], imported: 0, duplicates: 0, refused: 0 };
      for (const [i, p] of planned.entries()) {
        emit('import-progress', { stage: 'importing', done: i, total: planned.length, item: p.file });
        await sleep(120);
        if (p.refused) {
          result.refused++;
          result.outcomes.push({ file: p.file, status: 'refused', reason: p.refused, code: 'unsupported_file' });
        } else if (p.duplicate) {
          result.duplicates++;
          result.outcomes.push({ file: p.file, status: 'duplicate', id: 'doc-dup', sha256: 'e'.repeat(64) });
        } else {
          const name = p.file.split('/').pop().replace(/\.[^.]+$/, '');
          const d = addDocument({ title: name, childIds: metadata.childId ? [metadata.childId] : [], textStatus: p.textStatus || 'readable', kind: p.kind || 'other' }, p.texts);
          result.imported++;
          result.outcomes.push({ file: p.file, status: 'imported', id: d.id, sha256: d.sha256, pages: p.texts.length, textStatus: d.textStatus });
        }
      }
      emit('import-progress', { stage: 'importing', done: planned.length, total: planned.length, item: null });
      return result;
    }

    return {
      document_import_files(args) {
        keys('document_import_files', args, ['metadata']);
        if (state.importCancelled) return null;
        return importFake(['/home/parent/Documents/EP report.pdf'], args.metadata);
      },
      document_import_folder(args) {
        keys('document_import_folder', args, ['metadata']);
        return importFake(['/home/parent/Documents/Scans/letter.pdf'], args.metadata);
      },
      document_import_paths(args) {
        keys('document_import_paths', args, ['paths', 'metadata']);
        if (!Array.isArray(args.paths)) throw report('internal', 'paths should be a list');
        return importFake(args.paths, args.metadata);
      },
      document_list(args) {
        keys('document_list', args, ['filter']);
        return state.documents.filter((d) => matches(d, args.filter));
      },
      document_get(args) {
        keys('document_get', args, ['id']);
        return find(args.id);
      },
      document_pages(args) {
        keys('document_pages', args, ['id']);
        const d = find(args.id);
        return (state.pages[d.id] || []).map((t, i) => ({ page: i + 1, source: t ? 'layer' : 'none', hasText: !!t, needsOcr: !t && d.textStatus === 'needs_ocr', chars: t.length }));
      },
      document_page_text(args) {
        keys('document_page_text', args, ['id', 'page']);
        const texts = state.pages[find(args.id).id] || [];
        if (args.page < 1 || args.page > texts.length) throw report('not_found', `This document has no page ${args.page}.`);
        return texts[args.page - 1];
      },
      document_view_bytes(args) {
        keys('document_view_bytes', args, ['id']);
        const d = find(args.id);
        return makePdf(state.pages[d.id].map((t) => t || ' '));
      },
      document_update(args) {
        keys('document_update', args, ['id', 'change']);
        const d = find(args.id);
        const c = args.change;
        if (c.title !== null && !c.title.trim()) throw report('invalid_input', "A document's title can't be blank.");
        for (const k of ['title', 'kind', 'tags', 'childIds']) if (c[k] !== null && c[k] !== undefined) d[k] = c[k];
        for (const k of ['author', 'dated', 'received']) if (c[k] !== null && c[k] !== undefined) d[k] = c[k] === '' ? null : c[k];
        return d;
      },
      document_search(args) {
        keys('document_search', args, ['query']);
        const words = args.query.text.toLowerCase().replace(/"/g, '').split(/\s+/).filter(Boolean);
        const hits = [];
        for (const d of state.documents.filter((x) => matches(x, args.query.filter))) {
          (state.pages[d.id] || []).forEach((text, i) => {
            if (!words.every((w) => text.toLowerCase().includes(w))) return;
            let snippet = text;
            for (const w of words) snippet = snippet.replace(new RegExp(`(${w})`, 'gi'), '[$1]');
            hits.push({ id: d.id, title: d.title, kind: d.kind, page: i + 1, snippet, matchedIn: 'text', dated: d.dated, source: 'document', place: null });
          });
        }
        // Hits in the record (the contact log, plan sections, progress notes), given by the test.
        const inRecord = (state.recordHits || []).filter((h) => words.every((w) => h.snippet.toLowerCase().includes(w)));
        return [...hits, ...inRecord.filter((h) => !args.query.filter.childId || h.place?.childId === args.query.filter.childId)];
      },
      document_export(args) {
        keys('document_export', args, ['id']);
        const d = find(args.id);
        if (state.exportCancelled) return null;
        state.exportedCopy = `/home/parent/Documents/${d.fileName}`;
        return { id: d.id, file: state.exportedCopy, sha256: d.sha256, bytes: d.size };
      },
      // Acts only on the copy just exported, as src-tauri/src/commands/documents.rs.
      document_open_exported(args) {
        keys('document_open_exported', args, []);
        if (!state.exportedCopy) throw report('invalid_input', 'Save the copy first: Carefile opens only a file it has just saved.');
        state.openedCopies = [...(state.openedCopies ?? []), state.exportedCopy];
        return null;
      },
      document_ocr_available(args) {
        keys('document_ocr_available', args, []);
        return state.ocrAvailable;
      },
      document_reread_waiting(args) {
        keys('document_reread_waiting', args, []);
        return state.rereadWaiting;
      },
      async document_reread_run(args) {
        keys('document_reread_run', args, []);
        if (state.rereadDelay) await new Promise((r) => setTimeout(r, state.rereadDelay));
        const take = Math.min(2, state.rereadWaiting);
        state.rereadWaiting -= take;
        return { documentsRead: take, pagesChanged: take, documentsFailed: 0, firstProblem: null, documentsLeft: state.rereadWaiting };
      },
      document_ocr_run(args) {
        keys('document_ocr_run', args, []);
        const take = Math.min(3, state.ocrWaiting);
        state.ocrWaiting -= take;
        if (state.ocrWaiting === 0) for (const d of state.documents) if (d.textStatus === 'needs_ocr') d.textStatus = 'readable';
        return { available: state.ocrAvailable, pagesRead: take, pagesEmpty: 0, pagesFailed: 0, firstProblem: null, pagesLeft: state.ocrWaiting };
      },
    };
  }

  // People, outcome progress notes and SEN Support cycles (the rest of record.rs), on the same
  // in-memory record as the handlers above.
  Object.assign(handlers, makeRecordExtraHandlers());

  function makeRecordExtraHandlers() {
    const rec = window.__carefileRecord;
    rec.progress = rec.progress || [];
    rec.cycles = rec.cycles || [];
    let seq = 1;
    const id = (prefix) => `${prefix}-x${seq++}`;
    const pad = (n) => String(n).padStart(2, '0');
    const isoOf = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    const today = () => isoOf(new Date());
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const british = (iso) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
    const schoolYear = (iso) => (Number(iso.slice(5, 7)) >= 9 ? Number(iso.slice(0, 4)) : Number(iso.slice(0, 4)) - 1);
    const invalid = (message) => report('invalid_input', message);
    const notFound = (message) => report('not_found', message);
    const blank = (t) => (t && t.trim() ? t.trim() : null);
    function keys(cmd, args, wanted) {
      const got = Object.keys(args || {}).sort().join(',');
      if (got !== [...wanted].sort().join(',')) {
        const text = `${cmd}: keys ${got}, wanted ${[...wanted].sort().join(',')}`;
        violations.push(text);
        throw report('internal', `fake IPC contract violation: ${text}`);
      }
      requireUnlocked();
    }
    const notFuture = (d, what) => {
      if (d > today()) throw invalid(`The ${what} (${british(d)}) is in the future. Check the date and try again.`);
    };
    const ensureChild = (cid) => {
      if (!rec.children.some((c) => c.id === cid)) throw notFound(`There is no child with the id ${cid} in this vault.`);
    };
    const ensurePlan = (pid) => {
      if (!rec.plans.some((p) => p.id === pid)) throw notFound(`There is no plan with the id ${pid} in this vault.`);
    };
    const byDate = (field) => (a, b) => (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : 0);
    // The term calendar: the family's own dates over a fixed typical pattern (the real one is in Rust).
    rec.terms = rec.terms || [];
    const termsFor = (y) =>
      [
        { name: 'autumn', starts: `${y}-09-03`, ends: `${y}-12-19`, halfTermStarts: `${y}-10-27`, halfTermEnds: `${y}-10-31` },
        { name: 'spring', starts: `${y + 1}-01-05`, ends: `${y + 1}-03-27`, halfTermStarts: `${y + 1}-02-16`, halfTermEnds: `${y + 1}-02-20` },
        { name: 'summer', starts: `${y + 1}-04-13`, ends: `${y + 1}-07-22`, halfTermStarts: `${y + 1}-05-25`, halfTermEnds: `${y + 1}-05-29` },
      ].map((t) => rec.terms.find((o) => o.schoolYear === y && o.name === t.name) ?? { schoolYear: y, ...t, isDefault: true });
    // Section K advice: documents (from the documents fake) linked to the plan and filed under K.
    rec.planLinks = rec.planLinks || {};
    const docs = () => window.__carefileDocuments;
    const advice = (pid) => {
      ensurePlan(pid);
      const linked = rec.planLinks[pid] || [];
      return docs()
        .documents.filter((d) => linked.includes(d.id) && /^\s*(section\s*)?k\s*$/i.test(d.planSection ?? ''))
        .sort((a, b) => (a.dated ?? '9999').localeCompare(b.dated ?? '9999') || a.title.localeCompare(b.title));
    };

    return {
      person_add(args) {
        keys('person_add', args, ['input']);
        const i = args.input;
        if (!blank(i.name)) throw invalid("Give a name for the person or organisation; it can't be left blank.");
        if (blank(i.email) && !i.email.includes('@')) throw invalid(`"${i.email.trim()}" doesn't look like an email address. Check it, or leave it blank.`);
        const p = { id: id('pe'), name: i.name.trim(), role: blank(i.role), organisation: blank(i.organisation), email: blank(i.email), phone: blank(i.phone), address: blank(i.address), notes: blank(i.notes), created: new Date().toISOString() };
        rec.people.push(p);
        return p;
      },
      person_update(args) {
        keys('person_update', args, ['id', 'input']);
        const i = args.input;
        const p = rec.people.find((x) => x.id === args.id);
        if (!p) throw notFound(`There is no person with the id ${args.id} in this vault. Add them first, or check the id.`);
        if (!blank(i.name)) throw invalid("Give a name for the person or organisation; it can't be left blank.");
        if (blank(i.email) && !i.email.includes('@')) throw invalid(`"${i.email.trim()}" doesn't look like an email address. Check it, or leave it blank.`);
        Object.assign(p, { name: i.name.trim(), role: blank(i.role), organisation: blank(i.organisation), email: blank(i.email), phone: blank(i.phone), address: blank(i.address), notes: blank(i.notes) });
        return { ...p };
      },
      terms_list(args) {
        keys('terms_list', args, ['schoolYear']);
        return termsFor(args.schoolYear);
      },
      terms_set(args) {
        keys('terms_set', args, ['input']);
        const i = args.input;
        const y = i.schoolYear;
        const name = i.name;
        if (i.ends < i.starts) throw invalid(`The end of the ${name} term (${british(i.ends)}) is before the start of the term (${british(i.starts)}). Check both dates.`);
        if (i.starts < `${y}-09-01` || i.ends > `${y + 1}-08-31`) throw invalid(`The ${name} term must fall between 1 September ${y} and 31 August ${y + 1}.`);
        if (!i.halfTermStarts !== !i.halfTermEnds) throw invalid('Give both the first and last day of half term, or neither.');
        if (i.halfTermStarts && (i.halfTermStarts < i.starts || i.halfTermEnds > i.ends)) throw invalid(`The ${name} half term must fall inside the term.`);
        const next = { schoolYear: y, name, starts: i.starts, ends: i.ends, halfTermStarts: i.halfTermStarts, halfTermEnds: i.halfTermEnds, isDefault: false };
        const all = termsFor(y).map((t) => (t.name === name ? next : t));
        for (let k = 1; k < all.length; k++) {
          const [a, b] = [all[k - 1], all[k]];
          if (b.starts <= a.ends) throw invalid(`The ${b.name} term (${british(b.starts)} to ${british(b.ends)}) overlaps the ${a.name} term (${british(a.starts)} to ${british(a.ends)}) in ${y}-${pad((y + 1) % 100)}. Check the dates of both.`);
        }
        rec.terms = rec.terms.filter((t) => !(t.schoolYear === y && t.name === name)).concat([next]);
        return termsFor(y);
      },
      terms_remove(args) {
        keys('terms_remove', args, ['schoolYear', 'name']);
        const before = rec.terms.length;
        rec.terms = rec.terms.filter((t) => !(t.schoolYear === args.schoolYear && t.name === args.name));
        if (rec.terms.length === before) throw notFound(`There are no dates of your own for the ${args.name} term of ${args.schoolYear}-${pad((args.schoolYear + 1) % 100)}; it already uses Carefile's typical dates.`);
        return termsFor(args.schoolYear);
      },
      plan_advice_list(args) {
        keys('plan_advice_list', args, ['planId']);
        return advice(args.planId);
      },
      plan_advice_link(args) {
        keys('plan_advice_link', args, ['planId', 'documentId']);
        ensurePlan(args.planId);
        const p = rec.plans.find((x) => x.id === args.planId);
        const d = docs().documents.find((x) => x.id === args.documentId);
        if (!d) throw notFound(`There is no document with the id ${args.documentId} in this vault. Check the id with \`carefile doc list\`.`);
        const c = rec.children.find((x) => x.id === p.childId);
        if (!d.childIds.includes(p.childId)) throw invalid(`"${d.title}" isn't filed under ${c.preferredName || c.name}. Link it to them under Documents first, then add it here.`);
        d.planSection = 'K';
        (rec.planLinks[args.planId] ||= []).includes(d.id) || rec.planLinks[args.planId].push(d.id);
        return advice(args.planId);
      },
      plan_advice_unlink(args) {
        keys('plan_advice_unlink', args, ['planId', 'documentId']);
        if (!advice(args.planId).some((d) => d.id === args.documentId)) throw notFound(`The document ${args.documentId} isn't listed as advice in this plan's Section K, so there is nothing to take out.`);
        docs().documents.find((x) => x.id === args.documentId).planSection = null;
        return advice(args.planId);
      },
      progress_list(args) {
        keys('progress_list', args, ['planId', 'outcomeId']);
        ensurePlan(args.planId);
        return rec.progress.filter((n) => n.planId === args.planId && (!args.outcomeId || n.outcomeId === args.outcomeId)).sort(byDate('dated'));
      },
      progress_add(args) {
        keys('progress_add', args, ['planId', 'input']);
        const i = args.input;
        if (!blank(i.note)) throw invalid("Give the progress note; it can't be left blank.");
        notFuture(i.dated, 'date of the progress note');
        ensurePlan(args.planId);
        if (!rec.versions[args.planId].some((v) => v.outcomes.some((o) => o.id === i.outcomeId))) throw notFound(`This plan has no outcome with the id ${i.outcomeId}.`);
        const n = { id: id('op'), planId: args.planId, outcomeId: i.outcomeId, dated: i.dated, source: i.source, note: i.note.trim(), created: new Date().toISOString() };
        rec.progress.push(n);
        return n;
      },
      sen_support_list(args) {
        keys('sen_support_list', args, ['childId']);
        ensureChild(args.childId);
        return rec.cycles.filter((c) => c.childId === args.childId).sort(byDate('started'));
      },
      sen_support_add(args) {
        keys('sen_support_add', args, ['input']);
        const i = args.input;
        ensureChild(i.childId);
        notFuture(i.started, 'start of the cycle');
        const d = new Date(`${i.started}T12:00:00`);
        d.setDate(d.getDate() + 84);
        const reviewDue = i.reviewDue || isoOf(d);
        if (reviewDue < i.started) throw invalid(`The review date (${british(reviewDue)}) is before the start of the cycle (${british(i.started)}). Check both dates.`);
        if (!blank(i.outcomes)) throw invalid("Give the outcomes agreed for this cycle; it can't be left blank.");
        if (!blank(i.support)) throw invalid("Give the support to be given; it can't be left blank.");
        const c = { id: id('ss'), childId: i.childId, started: i.started, assessment: i.assessment.trim(), outcomes: i.outcomes.trim(), support: i.support.trim(), expectedImpact: i.expectedImpact.trim(), reviewDue, reviewed: null, reviewNotes: null, created: new Date().toISOString() };
        rec.cycles.push(c);
        return c;
      },
      sen_support_review(args) {
        keys('sen_support_review', args, ['id', 'reviewed', 'notes']);
        const c = rec.cycles.find((x) => x.id === args.id);
        if (!c) throw notFound(`There is no SEN Support cycle with the id ${args.id}.`);
        notFuture(args.reviewed, 'review date');
        if (args.reviewed < c.started) throw invalid(`The review date (${british(args.reviewed)}) is before the start of the cycle (${british(c.started)}). Check both dates.`);
        Object.assign(c, { reviewed: args.reviewed, reviewNotes: blank(args.notes) });
        return c;
      },
      sen_support_warnings(args) {
        keys('sen_support_warnings', args, ['childId']);
        ensureChild(args.childId);
        const on = today();
        const y = schoolYear(on);
        const [from, to] = [`${y}-09-01`, `${y + 1}-08-31`];
        const cycles = rec.cycles.filter((c) => c.childId === args.childId);
        const out = [];
        if (cycles.some((c) => c.started <= to && (!c.reviewed || c.reviewed >= from))) {
          const meetings = rec.log.filter((e) => e.childId === args.childId && e.kind === 'meeting' && e.date >= from && e.date <= to).length;
          if (meetings < 3) out.push({ kind: 'few_parent_meetings', cycleId: null, message: `${meetings} parent meeting${meetings === 1 ? ' is' : 's are'} logged for the ${y}-${pad((y + 1) % 100)} school year. Schools should meet parents at least three times a year (SEND Code of Practice 6.65). This is guidance, not law: log any meetings that are missing, or ask the school for one.` });
        }
        for (const c of cycles.filter((x) => !x.reviewed && x.reviewDue < on)) {
          out.push({ kind: 'review_overdue', cycleId: c.id, message: `The review of the SEN Support cycle started on ${british(c.started)} was due on ${british(c.reviewDue)} and isn't recorded. Ask the school for the review, or record it.` });
        }
        return out;
      },
    };
  }

  // The working document (src-tauri/src/commands/workdoc.rs). The mark-up here is a stand-in:
  // the real key is worked out word by word in Rust (src/workdoc/markup.rs) and tested there.
  const wdFake = { docs: [], saved: [], ...(config.workdoc || {}) };
  const wdMarkup = (r) => {
    if (r.status === 'agreed' && r.agreed && r.agreed !== r.original) {
      return [{ mark: 'agreed_deleted', text: r.original }, { mark: 'agreed_added', text: r.agreed }];
    }
    const runs = [];
    if (r.family) runs.push({ mark: 'family_deleted', text: r.original }, { mark: 'family_added', text: r.family });
    if (r.la) runs.push({ mark: 'la_added', text: r.la });
    return runs.length ? runs : [{ mark: 'original', text: r.original }];
  };
  const wdFind = (id) => {
    const w = wdFake.docs.find((d) => d.id === id);
    if (!w) throw report('not_found', 'There is no such working document.');
    return w;
  };
  const wdView = (w) => ({ ...w, rows: w.rows.map((r) => ({ ...r, markup: wdMarkup(r) })) });
  const wdEdit = (w) => {
    if (w.version.frozen) {
      const next = { number: w.version.number + 1, dated: '2025-06-02', origin: 'edited', frozen: false, note: null };
      w.versions.push(next);
      w.version = next;
    }
  };
  const wdRow = (w, n) => {
    const r = w.rows.find((x) => x.row === n);
    if (!r) throw report('invalid_input', `This working document has no row ${n}.`);
    return r;
  };
  Object.assign(handlers, {
    workdoc_list(args) {
      expectArgs('workdoc_list', args, { childId: 'string' });
      return wdFake.docs
        .filter((w) => w.childId === args.childId)
        .map((w) => ({ id: w.id, planId: w.planId, planVersion: 1, sections: w.sections, latest: w.version, rows: w.rows.length, disputed: 0, agreed: 0, created: '2025-06-01T00:00:00Z' }));
    },
    workdoc_create(args) {
      expectArgs('workdoc_create', args, { input: 'object' });
      const version = { number: 1, dated: '2025-06-01', origin: 'created', frozen: false, note: null };
      const row = (n, section, kind, original, flags = []) => ({ row: n, section, kind, itemId: null, label: null, original, family: null, la: null, agreed: null, status: 'not_discussed', evidence: [], flags });
      const w = {
        id: `wd-${wdFake.docs.length + 1}`,
        childId: args.input.childId,
        planId: args.input.planId,
        planVersion: 1,
        sections: ['B', 'F', 'I'],
        version,
        versions: [version],
        rows: [
          row(1, 'B', 'need', 'Sam finds it hard to follow spoken instructions.'),
          row(2, 'F', 'provision', 'Regular speech and language therapy', [{ phrase: 'regular', message: '"Regular" doesn\'t say how often.' }]),
          row(3, 'I', 'placement', 'Sample Street Primary'),
        ],
        unplaced: [],
      };
      wdFake.docs.push(w);
      return wdView(w);
    },
    workdoc_get(args) {
      expectArgs('workdoc_get', args, { id: 'string', version: 'object' });
      return wdView(wdFind(args.id));
    },
    workdoc_propose(args) {
      expectArgs('workdoc_propose', args, { id: 'string', row: 'number', by: 'string', text: 'string', evidence: 'object' });
      const w = wdFind(args.id);
      const r = wdRow(w, args.row);
      wdEdit(w);
      r[args.by === 'parent' ? 'family' : 'la'] = args.text.trim() || null;
      r.status = r.family || r.la ? 'disputed' : 'not_discussed';
      // The footnote text as src/workdoc cites it: author, title, date, page, paragraph.
      for (const e of args.evidence) {
        const d = handlers.document_get({ id: e.documentId });
        const dated = d.dated ? new Date(`${d.dated}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }) : null;
        const parts = [d.author, d.title, dated, e.page !== null ? `p. ${e.page}` : null, e.paragraph !== null ? `para ${e.paragraph}` : null];
        r.evidence.push({ by: args.by, documentId: d.id, page: e.page, paragraph: e.paragraph, citation: parts.filter(Boolean).join(', ') });
      }
      r.agreed = null;
      return wdView(w);
    },
    workdoc_agree(args) {
      expectArgs('workdoc_agree', args, { id: 'string', row: 'number', text: 'object' });
      const w = wdFind(args.id);
      const r = wdRow(w, args.row);
      if (r.family && r.la && r.family !== r.la && !args.text) {
        throw report('invalid_input', 'The family and the LA propose different wording; give the agreed wording.');
      }
      wdEdit(w);
      r.agreed = args.text ?? r.family ?? r.la ?? r.original;
      r.status = 'agreed';
      return wdView(w);
    },
    workdoc_send(args) {
      expectArgs('workdoc_send', args, { id: 'string', format: 'string' });
      const w = wdFind(args.id);
      w.version.frozen = true;
      const path = `/home/parent/Documents/Working document.${args.format}`;
      wdFake.saved.push(path);
      return { path, version: w.version.number, pages: args.format === 'pdf' ? 2 : null, overLimit: false, pageLimit: 25 };
    },
    workdoc_import(args) {
      expectArgs('workdoc_import', args, { childId: 'string' });
      return null;
    },
  });

  // Restore into a new folder, and the handover package (src-tauri/src/commands/exchange.rs).
  const exchangeFake = {
    restoreFolder: '/home/parent/Restored Carefile',
    restoreFolderHasVault: false,
    handoverShare: 'blue heron at the weir',
    handoverCancelled: false,
    ...(config.exchange || {}),
  };
  Object.assign(handlers, {
    backup_choose_restore_folder(args) {
      expectArgs('backup_choose_restore_folder', args, {});
      return exchangeFake.restoreFolder;
    },
    backup_restore_to(args) {
      expectArgs('backup_restore_to', args, { file: 'string', passphrase: 'string', folder: 'string' });
      if (exchangeFake.restoreFolderHasVault) throw report('vault_exists', `A Carefile vault already exists at ${args.folder}. Nothing was changed.`);
      if (args.passphrase !== (backups.passphrase || vault.passphrase)) throw report('wrong_passphrase');
      const backup = { path: args.file, bytes: 320471, created: '2026-11-20T12:00:00Z', vaultId: '0a1b2c3d', schemaVersion: 40 };
      return { vault: args.folder, backup, movedAside: null };
    },
    handover_export(args) {
      expectArgs('handover_export', args, { request: 'object', share: 'string' });
      requireUnlocked();
      if (args.share.length < MIN_LENGTH) throw report('weak_passphrase', 'The share passphrase needs at least 12 characters.');
      if (exchangeFake.handoverCancelled) return null;
      const r = args.request;
      return {
        packageId: 'pk-1', madeBy: r.madeBy || vault.name, madeAt: new Date().toISOString(), deleteAfter: r.deleteAfter,
        sourceVault: '0a1b2c3d', childId: r.childId, documents: [{ id: 'doc-1', sha256: 'ab'.repeat(32), title: 'EHCP' }], counts: { children: 1 },
      };
    },
    handover_choose_file(args) {
      expectArgs('handover_choose_file', args, {});
      return '/home/parent/Downloads/Sam for advocate.carefile-handover';
    },
    handover_import(args) {
      expectArgs('handover_import', args, { file: 'string', share: 'string' });
      requireUnlocked();
      if (args.share !== exchangeFake.handoverShare) {
        throw report('wrong_share_passphrase', "That share passphrase doesn't open this handover package. Ask the person who made it to check it.");
      }
      const manifest = {
        packageId: 'pk-2', madeBy: 'Alex (advocate)', madeAt: '2026-11-21T10:00:00Z', deleteAfter: '2027-03-31',
        sourceVault: '9f8e7d6c', childId: 'ch-sam', documents: [], counts: { outcome_progress: 1 },
      };
      return { manifest, rowsAdded: 2, rowsAlreadyHere: 14, documentsAdded: 1 };
    },
  });

  // The caseload (src-tauri/src/commands/caseload.rs): families as configured, else none.
  const caseloadFake = { today: '2026-12-01', families: [], ...(config.caseload || {}) };
  Object.assign(handlers, {
    caseload_get(args) {
      expectArgs('caseload_get', args, {});
      requireUnlocked();
      return JSON.parse(JSON.stringify(caseloadFake));
    },
  });

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
    /** Whether the page is listening for `event` yet (listening is asynchronous). */
    listening: (event) => (listeners.get(event) || []).length > 0,
    callsTo: (cmd) => calls.filter((c) => c.cmd === cmd),
    deadlines: deadlineState,
    lockForIdle() {
      vault.unlocked = false;
      emit('vault-locked', { reason: 'idle' });
    },
  };
})();

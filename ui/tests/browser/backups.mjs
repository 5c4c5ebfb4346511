// Browser flows of the Backups screen: restore a backup into a new folder, prepare a handover
// package for an advocate, and import one (a wrong share passphrase first), with axe throughout.
// Registered by run.mjs; screenshots land in ui/test-results/ as backups-*.png.
import assert from 'node:assert/strict';
import { checkA11y, checkNoSidewaysScroll, expectDisabled, expectFocus, expectText, screenshot, test } from './harness.mjs';

const GOOD = 'maple river lantern quietly';
const SHARE = 'blue heron at the weir';
const SAM = {
  id: 'ch-sam',
  name: 'Sam Example',
  preferredName: 'Sam',
  dob: '2015-12-25',
  localAuthority: 'Anytown Council',
  setting: 'Sample Street Primary',
  aboutMe: { likes: '', matters: '', support: '' },
  created: '2025-01-01T00:00:00Z',
};
const VAULT = {
  vault: { exists: true, unlocked: true, name: "Sam's record", passphrase: GOOD },
  record: { children: [SAM] },
};

const callsTo = (page, cmd) => page.evaluate((c) => window.__carefileFake.callsTo(c), cmd);

async function look(page, name, label) {
  await checkA11y(page, label);
  await checkNoSidewaysScroll(page, label);
  await screenshot(page, `backups-${name}`);
}

async function openBackups(page) {
  await page.locator('#home-title').waitFor();
  await page.click('#nav-backups');
  await expectText(page, 'main h1', 'Backups');
  await page.locator('#restore-start').waitFor();
}

test('backups: restore a backup into a new folder, never over this vault', async ({ open }) => {
  const page = await open(VAULT);
  await openBackups(page);
  await look(page, '01-screen', 'backups');

  await page.click('#restore-start');
  await expectFocus(page, 'restore-passphrase');
  await expectText(page, '#restore-file', '.carefile-backup');
  await expectDisabled(page, '#restore-go', true);

  await page.fill('#restore-passphrase', 'not the passphrase at all');
  await page.click('#restore-go');
  await expectText(page, '[role=alert]', "doesn't open this vault");
  await expectFocus(page, 'restore-passphrase');
  assert.equal(await page.getAttribute('#restore-passphrase', 'aria-invalid'), 'true');
  await look(page, '02-restore-wrong', 'restore (wrong passphrase)');

  await page.fill('#restore-passphrase', GOOD);
  await page.click('#restore-go');
  await expectText(page, '#restore-notice', 'as a new vault in /home/parent/Restored Carefile');
  await expectText(page, '#restore-notice', 'Your vault on this computer has not been changed.');
  await expectFocus(page, 'restore-notice');
  const restores = await callsTo(page, 'backup_restore_to');
  assert.equal(restores.at(-1).args.folder, '/home/parent/Restored Carefile');
  assert.equal((await callsTo(page, 'backup_restore')).length, 0, 'never restores over this vault');
  await look(page, '03-restored', 'restore (done)');
  assert.deepEqual(await page.evaluate(() => window.__carefileFake.violations), []);
});

test('backups: a folder that already holds a vault is refused in words', async ({ open }) => {
  const page = await open({ ...VAULT, exchange: { restoreFolderHasVault: true } });
  await openBackups(page);
  await page.click('#restore-start');
  await page.fill('#restore-passphrase', GOOD);
  await page.click('#restore-go');
  await expectText(page, '[role=alert]', 'A Carefile vault already exists at /home/parent/Restored Carefile');
});

test('backups: prepare a handover for an advocate, then import one (wrong share passphrase first)', async ({ open }) => {
  const page = await open(VAULT);
  await openBackups(page);

  await page.click('#handover-start');
  await expectFocus(page, 'handover-title');
  await expectText(page, 'main', 'Sam');
  await expectDisabled(page, '#handover-save', true);
  await expectText(page, '#handover-reason', 'at least 12 characters');
  await page.getByLabel('Share passphrase', { exact: true }).fill(SHARE);
  await page.getByLabel('Type the share passphrase again').fill('blue heron at the ford');
  await expectText(page, '#handover-reason', "don't match");
  await expectDisabled(page, '#handover-save', true);
  await look(page, '04-handover-mismatch', 'handover (mismatch)');

  await page.getByLabel('Type the share passphrase again').fill(SHARE);
  await page.fill('#handover-delete-after', '2027-03-31');
  await expectDisabled(page, '#handover-save', false);
  await look(page, '05-handover-ready', 'handover (ready)');
  await page.click('#handover-save');
  await expectText(page, '#handover-notice', 'Saved the handover package with 1 document(s)');
  await expectFocus(page, 'handover-notice');
  assert.deepEqual((await callsTo(page, 'handover_export')).at(-1).args, {
    request: { childId: 'ch-sam', documents: null, madeBy: '', deleteAfter: '2027-03-31' },
    share: SHARE,
  });

  await page.click('#import-start');
  await expectFocus(page, 'import-share');
  await expectText(page, '#import-file', 'Sam for advocate.carefile-handover');
  await page.fill('#import-share', 'the wrong share words');
  await page.click('#import-go');
  await expectText(page, '[role=alert]', "That share passphrase doesn't open this handover package.");
  assert.equal(await page.getAttribute('#import-share', 'aria-invalid'), 'true');
  await expectFocus(page, 'import-share');
  await look(page, '06-import-wrong', 'import (wrong share passphrase)');

  await page.fill('#import-share', SHARE);
  await page.press('#import-share', 'Enter');
  await expectText(page, '#import-notice', 'Imported the handover from Alex (advocate)');
  await expectText(page, '#import-notice', 'asks you to delete it after 2027-03-31');
  await expectFocus(page, 'import-notice');
  await look(page, '07-imported', 'import (done)');
  assert.deepEqual(await page.evaluate(() => window.__carefileFake.violations), []);
});

// Browser flows of the desktop UI against the built app, with a fake IPC (fake-tauri.js).
// Run with `npm run test:browser`; screenshots land in ui/test-results/.
import assert from 'node:assert/strict';
import {
  checkA11y,
  checkNoSidewaysScroll,
  eventually,
  expectDisabled,
  expectFocus,
  expectText,
  run,
  screenshot,
  test,
} from './harness.mjs';
import './record.mjs';
import './documents.mjs';
import './bundle.mjs';
import './bundle-check.mjs';
import './backups.mjs';
import './caseload.mjs';
import './about.mjs';
import './workdoc.mjs';

const RECOVERY_KEY = '7KQM-3WXD-J9TR-B4NF-H2PV-6GCE-Y8SA-5ZM1';
const GOOD = 'maple river lantern quietly';
const NEWER = 'copper kettle on the moor';
const WRONG_PASSPHRASE = "doesn't open this vault";

const lockedVault = (extra = {}) => ({
  vault: { exists: true, unlocked: false, name: "Sam's record", passphrase: GOOD, ...extra },
});
const unlockedVault = (extra = {}) => lockedVault({ unlocked: true, ...extra });

const callsTo = (page, cmd) => page.evaluate((c) => window.__carefileFake.callsTo(c), cmd);

/** Every check a screen must pass before we move on. */
async function screenCheck(page, name, label) {
  await checkA11y(page, label);
  await checkNoSidewaysScroll(page, label);
  await screenshot(page, name);
}

test('create a vault, see the recovery key, lock, and unlock (wrong passphrase first)', async ({ open }) => {
  const page = await open();

  await page.locator('#welcome-create').waitFor();
  assert.match(await page.title(), /Welcome – Carefile/);
  await expectText(page, 'h1', 'Welcome to Carefile');
  await screenCheck(page, '01-welcome', 'welcome');

  await page.click('#welcome-create');
  await expectFocus(page, 'vault-name');
  await expectText(page, '#passphrase-hint', 'At least 12 characters');
  await expectDisabled(page, '#create-vault', true);
  await expectText(page, '#create-status', 'Give your vault a name.');
  await screenCheck(page, '02-create-empty', 'create (empty)');

  await page.getByLabel('Name of your vault').fill("Sam's record");
  await expectText(page, '#create-status', 'Choose a passphrase of at least 12 characters.');

  await page.fill('#passphrase', 'short');
  await expectText(page, '#passphrase-strength', 'Strength: Too short');
  await expectText(page, '#create-status', 'needs at least 12 characters. It has 5 so far.');
  await expectDisabled(page, '#create-vault', true);

  // Long enough, but a weak passphrase: still disabled, with the reason in words.
  await page.fill('#passphrase', 'password1234');
  await expectText(page, '#passphrase-strength', 'Strength: Weak');
  await page.fill('#passphrase-confirm', 'password1234');
  await expectText(page, '#create-status', 'too easy to guess');
  await expectDisabled(page, '#create-vault', true);
  await screenCheck(page, '03-create-weak', 'create (weak passphrase)');

  await page.fill('#passphrase', GOOD);
  await expectText(page, '#passphrase-strength', 'Strength: Strong');
  // Half-typed confirmation: no scolding yet.
  await page.fill('#passphrase-confirm', 'maple river');
  await expectText(page, '#create-status', 'Finish typing your passphrase a second time');
  assert.equal(await page.locator('#passphrase-confirm-match').textContent().then((t) => t?.trim()), '');
  // A real mismatch.
  await page.fill('#passphrase-confirm', 'maple river lantern quickly');
  await expectText(page, '#passphrase-confirm-match', "These passphrases don't match.");
  await expectText(page, '#create-status', "The two passphrases don't match.");
  assert.equal(await page.getAttribute('#passphrase-confirm', 'aria-invalid'), 'true');
  await expectDisabled(page, '#create-vault', true);
  await screenCheck(page, '04-create-mismatch', 'create (mismatch)');

  await page.fill('#passphrase-confirm', GOOD);
  await expectText(page, '#passphrase-confirm-match', 'The passphrases match.');
  await expectDisabled(page, '#create-vault', false);
  // Show/hide reveals the text and hides it again.
  await page.getByRole('button', { name: 'Show passphrase', exact: true }).click();
  assert.equal(await page.getAttribute('#passphrase', 'type'), 'text');
  await page.getByRole('button', { name: 'Hide passphrase', exact: true }).click();
  assert.equal(await page.getAttribute('#passphrase', 'type'), 'password');
  await screenCheck(page, '05-create-ready', 'create (ready)');

  await page.click('#create-vault');
  await expectText(page, '#create-vault', 'Creating your vault…');
  await expectDisabled(page, '#create-vault', true);

  await page.locator('#recovery-key').waitFor();
  assert.equal((await page.textContent('#recovery-key'))?.trim(), RECOVERY_KEY);
  assert.deepEqual((await callsTo(page, 'vault_create')).map((c) => c.args), [
    { name: "Sam's record", passphrase: GOOD, remember: false },
  ]);
  await expectDisabled(page, '#recovery-continue', true);
  // Print: the sheet drawn to an image in memory, the print dialog opened, nothing saved.
  await page.evaluate(() => {
    window.__printed = [];
    window.print = () => {
      const box = document.getElementById('print-pages');
      const img = box?.querySelector('img');
      window.__printed.push({ hidden: box ? getComputedStyle(box).display === 'none' : null, drawn: !!img && img.complete && img.naturalWidth > 500, src: img?.src.slice(0, 22) });
    };
  });
  await page.click('#recovery-print');
  await eventually(() => page.evaluate(() => window.__printed.length === 1), 'the print dialog', 15000);
  assert.deepEqual(await page.evaluate(() => window.__printed[0]), { hidden: true, drawn: true, src: 'data:image/png;base64,' });
  assert.equal((await callsTo(page, 'recovery_sheet_save')).length, 0, 'printing saves no file');
  await page.getByRole('button', { name: 'Save it as a PDF' }).click();
  await expectText(page, '#recovery-sheet-saved', "Saved to /home/parent/Documents/Carefile Recovery Sheet - Sam's record.pdf");
  await expectText(page, '#recovery-sheet-saved', 'Print it now, then delete that file');
  await screenCheck(page, '06-recovery-key', 'recovery key');

  await page.check('#recovery-saved');
  await expectDisabled(page, '#recovery-continue', false);
  await page.click('#recovery-continue');
  await expectText(page, '#home-title', "Sam's record");
  assert.equal((await callsTo(page, 'recovery_key_confirmed')).length, 1);
  await expectText(page, 'main', 'Your vault is unlocked.');
  await screenCheck(page, '07-home', 'home');

  await page.click('#lock');
  await page.locator('#unlock-passphrase').waitFor();
  await expectFocus(page, 'unlock-passphrase');
  await sleep(50); // the vault-locked event that follows a Lock must not disturb the screen
  assert.equal(await page.locator('[role=status]').count(), 0, 'no notice after locking by hand');
  await screenCheck(page, '08-unlock', 'unlock');

  await page.fill('#unlock-passphrase', 'maple river lantern loudly');
  await page.click('#unlock');
  await expectText(page, '[role=alert]', WRONG_PASSPHRASE);
  await expectFocus(page, 'unlock-passphrase');
  assert.equal(await page.getAttribute('#unlock-passphrase', 'aria-invalid'), 'true');
  await screenCheck(page, '09-unlock-wrong', 'unlock (wrong passphrase)');

  // The right one, submitted from the keyboard.
  await page.fill('#unlock-passphrase', GOOD);
  await page.press('#unlock-passphrase', 'Enter');
  await expectText(page, '#home-title', "Sam's record");
  assert.equal(await page.locator('[role=alert]').count(), 0);
});

test('the recovery key sets a new passphrase; the old one then fails', async ({ open }) => {
  const page = await open(lockedVault());
  await page.locator('#unlock-passphrase').waitFor();
  await page.getByRole('button', { name: 'Forgotten your passphrase? Use your recovery key' }).click();
  await expectFocus(page, 'recovery-key-entry');
  await expectDisabled(page, '#reset', true);
  await expectText(page, '#reset-reason', 'Type the recovery key from your Recovery Sheet.');

  await page.getByLabel('Recovery key', { exact: true }).fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH');
  await page.getByLabel('New passphrase', { exact: true }).fill(NEWER);
  await page.getByLabel('Type your new passphrase again').fill(NEWER);
  await expectDisabled(page, '#reset', false);
  await screenCheck(page, '10-recover', 'recover');
  await page.click('#reset');
  await expectText(page, '[role=alert]', "That recovery key doesn't match this vault.");
  await expectFocus(page, 'recovery-key-entry');
  await screenCheck(page, '11-recover-wrong-key', 'recover (wrong key)');

  // Typed from paper: lower case, spaces instead of dashes.
  await page.getByLabel('Recovery key', { exact: true }).fill(RECOVERY_KEY.toLowerCase().replaceAll('-', ' '));
  await page.click('#reset');
  await expectText(page, '#home-title', "Sam's record");
  assert.deepEqual((await callsTo(page, 'vault_reset_passphrase')).at(-1).args, {
    recoveryKey: RECOVERY_KEY,
    newPassphrase: NEWER,
  });

  await page.click('#lock');
  await page.fill('#unlock-passphrase', GOOD);
  await page.click('#unlock');
  await expectText(page, '[role=alert]', WRONG_PASSPHRASE);
  await page.fill('#unlock-passphrase', NEWER);
  await page.click('#unlock');
  await expectText(page, '#home-title', "Sam's record");
});

test('an idle lock returns to the unlock screen and says why', async ({ open }) => {
  const page = await open(unlockedVault());
  await page.locator('#home-title').waitFor();
  await page.evaluate(() => window.__carefileFake.lockForIdle());
  await page.locator('#unlock-passphrase').waitFor();
  await expectText(page, '[role=status]', 'Carefile locked itself after 15 minutes without use.');
  await screenCheck(page, '12-unlock-after-idle', 'unlock (after idle lock)');
});

test('a remembered vault opens from the keyring at start, and can be forgotten', async ({ open }) => {
  const page = await open(lockedVault({ remembered: true }));
  await expectText(page, '#home-title', "Sam's record");
  assert.equal((await callsTo(page, 'vault_unlock_keyring')).length, 1);
  await expectText(page, 'main', 'This computer remembers your vault');
  await screenCheck(page, '13-home-remembered', 'home (remembered)');

  await page.getByRole('button', { name: 'Forget on this computer' }).click();
  await expectFocus(page, 'forget-confirm');
  await checkA11y(page, 'home (forget?)');
  await page.click('#forget-confirm');
  await expectText(page, '#forgotten', 'This computer no longer remembers your vault.');
  await expectFocus(page, 'forgotten');
  assert.equal(await page.locator('details:has(#forgotten)').getAttribute('open'), '', 'the section stays open');
  await screenshot(page, '13b-home-forgotten');
  assert.equal((await callsTo(page, 'vault_forget_remembered')).length, 1);

  // Locking by hand must never be undone by the keyring.
  await page.click('#lock');
  await page.locator('#unlock-passphrase').waitFor();
  await sleep(100);
  assert.equal((await callsTo(page, 'vault_unlock_keyring')).length, 1);
  assert.equal(await page.getByRole('button', { name: "Unlock with this computer's keyring" }).count(), 0);
});

test('after a manual lock, a remembered vault offers the keyring as a second way in', async ({ open }) => {
  const page = await open(unlockedVault({ remembered: true }));
  await page.click('#lock');
  await page.locator('#unlock-passphrase').waitFor();
  assert.equal(await page.isChecked('#unlock-remember'), true);
  await page.getByRole('button', { name: "Unlock with this computer's keyring" }).click();
  await expectText(page, '#home-title', "Sam's record");
});

test('an unavailable keyring falls back to the passphrase, saying so', async ({ open }) => {
  const page = await open(lockedVault({ remembered: true, keyringFails: true }));
  await page.locator('#unlock-passphrase').waitFor();
  await expectText(page, '[role=status]', "This computer's keyring isn't available just now");
  assert.equal(await page.locator('[role=alert]').count(), 0, 'a keyring problem is a notice, not an error');
  assert.equal(await page.getByRole('button', { name: "Unlock with this computer's keyring" }).count(), 0);
  await screenCheck(page, '14-unlock-keyring-unavailable', 'unlock (keyring unavailable)');
  await page.fill('#unlock-passphrase', GOOD);
  await page.click('#unlock');
  await expectText(page, '#home-title', "Sam's record");
});

test('no keyring on this computer: remembering is offered but disabled, with the reason', async ({ open }) => {
  const page = await open({ vault: { keyringAvailable: false } });
  await page.click('#welcome-create');
  assert.equal(await page.isDisabled('#create-remember'), true);
  await expectText(page, '#create-remember-hint', 'This computer has no keyring Carefile can use');
});

test('change the passphrase from home', async ({ open }) => {
  const page = await open(unlockedVault());
  await page.locator('#home-title').waitFor();
  await page.getByText('Change your passphrase').click();
  await page.getByLabel('Current passphrase').fill('not my passphrase');
  await page.getByLabel('New passphrase', { exact: true }).fill(NEWER);
  await page.getByLabel('Type your new passphrase again').fill(NEWER);
  await expectDisabled(page, '#change-passphrase', false);
  await page.click('#change-passphrase');
  await expectText(page, '[role=alert]', "That isn't your current passphrase.");
  await expectFocus(page, 'current-passphrase');
  await screenCheck(page, '15-home-change-passphrase-wrong', 'home (change passphrase, wrong current)');

  await page.getByLabel('Current passphrase').fill(GOOD);
  await page.click('#change-passphrase');
  await expectText(page, '#passphrase-changed', 'Your passphrase has been changed.');
  await expectFocus(page, 'passphrase-changed');
  assert.deepEqual((await callsTo(page, 'vault_change_passphrase')).at(-1).args, { current: GOOD, newPassphrase: NEWER });
  assert.equal(await page.inputValue('#current-passphrase'), '');
  await checkA11y(page, 'home (passphrase changed)');
});

test('keyboard only: create a vault and reach home without a mouse, with a visible focus ring', async ({ open }) => {
  const page = await open();
  await page.locator('#welcome-create').waitFor();
  await page.keyboard.press('Tab');
  await expectFocus(page, 'welcome-create');
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  assert.ok(ring.style !== 'none' && ring.width >= 2, `focus ring on the button: ${JSON.stringify(ring)}`);
  await screenshot(page, '16-keyboard-focus');
  await page.keyboard.press('Enter');

  await expectFocus(page, 'vault-name');
  await page.keyboard.type('Ruby’s file');
  await page.keyboard.press('Tab');
  await expectFocus(page, 'passphrase');
  await page.keyboard.type(GOOD);
  await page.keyboard.press('Tab'); // Show button
  await page.keyboard.press('Tab');
  await expectFocus(page, 'passphrase-confirm');
  await page.keyboard.type(GOOD);
  await page.keyboard.press('Tab'); // Show button
  await page.keyboard.press('Tab');
  await expectFocus(page, 'create-remember');
  await page.keyboard.press('Space');
  // A disabled button is skipped by Tab: wait until the passphrase has been assessed.
  await expectDisabled(page, '#create-vault', false);
  await page.keyboard.press('Tab');
  await expectFocus(page, 'create-vault');
  await expectDisabled(page, '#create-vault', false);
  await page.keyboard.press('Enter');

  await page.locator('#recovery-key').waitFor();
  assert.equal((await callsTo(page, 'vault_create')).at(-1).args.remember, true);
  await page.keyboard.press('Tab');
  await expectFocus(page, 'recovery-print');
  await page.keyboard.press('Tab');
  await expectFocus(page, 'recovery-save');
  await page.keyboard.press('Tab');
  await expectFocus(page, 'recovery-saved');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expectFocus(page, 'recovery-continue');
  await page.keyboard.press('Enter');
  await expectText(page, '#home-title', 'Ruby’s file');

  // Focus starts on the heading; the Lock button sits before it, in the top bar, before the
  // menu (however many sections it has).
  await expectFocus(page, 'home-title');
  const menuItems = await page.locator('nav.sidebar button').count();
  for (let i = 0; i <= menuItems; i++) await page.keyboard.press('Shift+Tab');
  await expectFocus(page, 'lock');
  await page.keyboard.press('Enter');
  await expectFocus(page, 'unlock-passphrase');
});

test('activity is reported for the idle lock, at most once every 30 seconds', async ({ open }) => {
  const page = await open(unlockedVault(), { clock: true });
  await page.locator('#home-title').waitFor();
  const count = async () => (await callsTo(page, 'activity')).length;
  await page.mouse.move(100, 200);
  await page.keyboard.press('Shift');
  await page.mouse.move(300, 300);
  await eventually(async () => (await count()) === 1, 'one activity report');
  await page.clock.fastForward('00:20');
  await page.keyboard.press('Shift');
  assert.equal(await count(), 1, 'a second report within 30 s');
  await page.clock.fastForward('00:11');
  await page.keyboard.press('Shift');
  await eventually(async () => (await count()) === 2, 'a second report after 30 s');
  // Nothing is reported while the vault is locked.
  await page.click('#lock');
  await page.locator('#unlock-passphrase').waitFor();
  await page.clock.fastForward('01:00');
  await page.keyboard.press('Shift');
  await page.mouse.move(10, 10);
  assert.equal(await count(), 2);
});

test('a start-up failure is shown in words, with a way to try again', async ({ open }) => {
  const page = await open({ vault: { statusFails: true } });
  await expectText(page, '[role=alert]', "Carefile can't read its folder.");
  await screenCheck(page, '17-start-failed', 'start-up failure');
  await page.evaluate(() => {
    window.__carefileFake.vault.statusFails = false;
  });
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('#welcome-create').waitFor();
});

test('deadlines: add a child, record a decision letter, open the appeal deadline, export the calendar', async ({ open }) => {
  const page = await open(unlockedVault());
  await page.click('#nav-deadlines');
  await expectText(page, '#deadlines-title', 'Deadlines');
  await expectDisabled(page, '#new-child-add', true);
  await screenCheck(page, '30-deadlines-no-child', 'deadlines (no child)');

  await page.getByLabel("Child's name").fill('Sam Jones');
  await page.getByLabel('Date of birth').fill('2016-05-04');
  await page.click('#new-child-add');
  await page.locator('#event-kind').waitFor();
  await expectText(page, '#due-soon', 'Nothing is due');
  await expectDisabled(page, '#event-add', true);
  await expectText(page, '#event-reason', 'Choose what happened.');

  await page.selectOption('#event-kind', 'decision-notice-sent');
  await expectText(page, '#event-date-hint', 'the date it was sent');
  await page.fill('#event-date', '2025-06-15');
  await expectDisabled(page, '#event-add', false);
  await page.click('#event-add');
  await expectText(page, '#deadlines-notice', 'Recorded: Decision letter sent on 15 Jun 2025.');
  await expectText(page, '#deadline-list', 'Appeal to the SEND Tribunal');
  await expectText(page, '#next-due', 'Contact the mediation adviser');
  assert.deepEqual((await callsTo(page, 'deadlines_event_add')).map((c) => c.args.event.kind), ['decision-notice-sent']);

  const toggle = page.locator('#deadline-list [data-rule="appeal-deadline"] button');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await expectText(page, '#deadline-list', 'HESC Rules 2008 r.20(1)(c)');
  await expectText(page, '#deadline-list', 'Decision letter sent on 15 Jun 2025');
  await screenCheck(page, '31-deadlines-appeal', 'deadlines (appeal explained)');

  await page.click('#ics-export');
  await expectText(page, '#deadlines-notice', 'Saved the calendar to /home/parent/Documents/deadlines.ics');

  // Notifications name nobody until the family says so.
  assert.equal(await page.locator('#notification-details').isChecked(), false);
  await page.check('#notification-details');
  await expectText(page, '#notifications-notice', 'will name the child and the deadline');
  await page.uncheck('#notification-details');
  await expectText(page, '#notifications-notice', 'only that a deadline is due');
  assert.deepEqual((await callsTo(page, 'deadlines_notification_details_set')).map((c) => c.args.on), [true, false]);

  // The counting conventions are settings: changing one recomputes the dates.
  await page.locator('#conventions summary').click();
  await page.locator('#amendment-weeks').waitFor();
  await expectDisabled(page, '#conventions-reset', true);
  const dashboards = (await callsTo(page, 'deadlines_dashboard')).length;
  // Zero weeks never reaches the vault: the field says it is out of range.
  await page.fill('#amendment-weeks', '0');
  await page.click('#conventions-save');
  assert.equal(await page.locator('#amendment-weeks').evaluate((el) => el.validity.rangeUnderflow), true);
  assert.equal((await callsTo(page, 'deadlines_settings_set')).length, 0);
  await page.fill('#amendment-weeks', '10');
  await page.getByLabel(/Yes: the period ends a day earlier/).check();
  await page.click('#conventions-save');
  await expectText(page, '#conventions-notice', 'Every date has been worked out again');
  assert.deepEqual(
    (({ amendmentWeeks, withinStart }) => ({ amendmentWeeks, withinStart }))((await callsTo(page, 'deadlines_settings_set')).at(-1).args.settings),
    { amendmentWeeks: 10, withinStart: 'includeEventDay' },
  );
  assert.ok((await callsTo(page, 'deadlines_dashboard')).length > dashboards, 'the dates were worked out again');
  await screenCheck(page, '32-deadlines-conventions', 'deadlines (conventions)');
  await page.click('#conventions-reset');
  await expectText(page, '#conventions-notice', 'Back to the defaults');
  assert.equal((await callsTo(page, 'deadlines_settings_set')).at(-1).args.settings.amendmentWeeks, 8);

  // Removing an event asks once.
  await page.getByRole('button', { name: /^Remove Decision letter sent/ }).click();
  await page.getByRole('button', { name: 'Yes, remove it' }).click();
  await expectText(page, 'main', 'No dates yet.');
  assert.deepEqual(await page.evaluate(() => window.__carefileFake.violations), []);
});

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

await run();

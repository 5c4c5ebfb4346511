// Browser flow of "Check a bundle you were sent" (Packs) against the fake check in fake-tauri.js:
// choose the appeal type, pick the bundle (progress events), read the report section by section,
// write the letter to the LA, save it and mark it sent, draft the SEND7, mark a newer version; a
// clean bundle says so. With axe. Registered by run.mjs; screenshots in ui/test-results/check-*.png.
import assert from 'node:assert/strict';
import { checkA11y, checkNoSidewaysScroll, eventually, expectFocus, expectText, screenshot, test } from './harness.mjs';

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
const doc = (id, title, kind, dated, pages, extra = {}) => ({
  id, title, kind, role: kind === 'report' ? 'expert_report' : 'other', author: null, dated, sha256: id.padEnd(64, '0'), pages,
  hasTextLayer: true, format: 'pdf', attachedTo: null, problem: null, ...extra,
});
const DOCUMENTS = [
  doc('doc-dec', 'Decision not to amend', 'decision', '2025-06-01', 2),
  doc('doc-plan-draft', 'EHC plan (draft)', 'plan', '2024-10-01', 30),
  doc('doc-plan', 'Final EHC plan', 'plan', '2025-01-10', 30),
  doc('doc-ep', 'Educational psychology report', 'report', '2021-09-01', 16),
  doc('doc-ep-update', 'Educational psychology update', 'report', '2025-02-03', 4),
  doc('doc-salt', 'Speech and language therapy report', 'report', '2025-03-03', 9),
  doc('doc-photo', 'Photo of the work station', 'photo', null, 1, { hasTextLayer: false, format: 'image' }),
];
const VAULT = {
  vault: { exists: true, unlocked: true, name: "Sam's record", passphrase: 'maple river lantern quietly' },
  record: { children: [SAM] },
  bundle: {
    documents: DOCUMENTS,
    versionSuggestions: [{ newer: 'doc-ep-update', older: 'doc-ep', likeness: 0.71, reasons: ['same_author', 'similar_title'] }],
  },
};

const callsTo = (page, cmd) => page.evaluate((c) => window.__carefileFake.callsTo(c), cmd);

async function look(page, name, label) {
  await page.setViewportSize({ width: 1100, height: 760 });
  await checkA11y(page, label);
  await checkNoSidewaysScroll(page, label);
  await screenshot(page, `check-${name}`);
}

async function openPacks(page) {
  await page.locator('#home-title').waitFor();
  await page.click('#nav-packs');
  await expectText(page, 'main h1', 'Packs');
  await expectText(page, '#check-title', 'Check a bundle you were sent');
}

test('bundle check: a bundle with problems, the letter to the LA (saved, sent) and a SEND7 draft', async ({ open }) => {
  const page = await open(VAULT);
  await openPacks(page);
  await look(page, '01-start', 'bundle check (before)');

  // Cancelling the file dialog checks nothing.
  await page.evaluate(() => (window.__carefileBundle.checkCancelled = true));
  await page.click('#check-pick');
  await expectText(page, '#check-status', 'No file chosen');
  assert.equal(await page.locator('#check-report').count(), 0);
  await page.evaluate(() => (window.__carefileBundle.checkCancelled = false));

  // The appeal type gives the page limits; the progress events show while it runs.
  await page.selectOption('#check-appeal', 'contents');
  await page.evaluate(() => (window.__carefileBundle.checkDelay = 300));
  await page.click('#check-pick');
  await expectText(page, '#check-progress-step', 'Reading page 80 of 160');
  assert.equal(await page.locator('#check-pick').isDisabled(), true);
  await checkA11y(page, 'bundle check (in progress)');
  await screenshot(page, 'check-02-progress');
  await expectText(page, '#check-summary', '160 pages read');
  await expectFocus(page, 'check-report-title');
  assert.equal(await page.locator('#check-progress').count(), 0, 'the progress bar goes when the check ends');
  assert.deepEqual((await callsTo(page, 'bundle_check_pick')).at(-1).args, { childId: 'ch-sam', packId: null, appealType: 'contents' });

  // Each part of the report, in words.
  await expectText(page, '#check-report-title', 'Tribunal bundle from Anytown Council.pdf');
  await expectText(page, '#check-summary', '4 of the 6 documents looked for are in it');
  await expectText(page, '#check-summary', '8 things to put right');
  await expectText(page, '#check-missing', 'Speech and language therapy report');
  await expectText(page, '#check-outdated', 'EHC plan (draft) (1 Oct 2024) at pages 5–34: old version; the vault holds Final EHC plan (10 Jan 2025)');
  await expectText(page, '#check-duplicates', 'Educational psychology report at pages 36–51 and pages 52–67');
  await expectText(page, '#check-partial', 'Decision not to amend at page 3: its page 2 is missing');
  await expectText(page, '#check-partial', 'Educational psychology update at pages 69–72: its pages are in the order 1, 3, 2, 4');
  await expectText(page, '#check-unreadable', 'Page 68');
  await expectText(page, '#check-index', '“Educational psychology report”: the index (on page 2) says page 40, but it is at pages 36–51 and pages 52–67');
  await expectText(page, '#check-budgets', "Parent's evidence: 120 of 100 pages");
  await expectText(page, '#check-budgets .over', 'over by 20');
  await expectText(page, '#check-budgets', 'Core papers: 4 of 100 pages');
  await expectText(page, '#check-found', 'Decision not to amend: page 3');
  await expectText(page, '#check-found', 'Educational psychology report: pages 36–51');
  await expectText(page, '#check-other', '1–2, 4, 35, 73–160');
  await expectText(page, '#check-not-checked', 'Photo of the work station');
  assert.equal(await page.locator('#check-all-well').count(), 0);
  await look(page, '03-report', 'bundle check (report)');

  // The letter to the LA, signed, with what is missing.
  await page.getByLabel('Your name, to sign with').fill('Jo Example');
  await page.click('#check-letter');
  await expectText(page, '#check-letter-title', 'Problems in the tribunal bundle for Sam Example');
  await expectFocus(page, 'check-letter-title');
  const text = await page.inputValue('#check-letter-text');
  assert.match(text, /Speech and language therapy report/);
  assert.match(text, /Jo Example/);
  assert.equal(await page.locator('#check-letter-text').getAttribute('readonly'), '');
  const [asked] = await callsTo(page, 'bundle_check_letter');
  assert.equal(asked.args.childId, 'ch-sam');
  assert.equal(asked.args.fileName, 'Tribunal bundle from Anytown Council.pdf');
  assert.equal(asked.args.from, 'Jo Example');
  assert.equal(asked.args.check.pages, 160);
  assert.deepEqual(asked.args.check.missing, [{ document: 'doc-salt', title: 'Speech and language therapy report' }]);
  await look(page, '04-letter', 'bundle check (letter)');

  await page.click('#check-letter-save');
  await expectText(page, '#check-notice', 'Saved to /home/parent/Documents/Problems in the tribunal bundle for Sam Example.pdf');
  assert.equal((await callsTo(page, 'deadlines_letter_save')).at(-1).args.letter.kind, 'bundle-problems');

  await page.fill('#check-letter-date', '2025-11-20');
  await page.fill('#check-letter-channel', 'Email');
  await page.click('#check-letter-sent');
  await expectText(page, '#check-notice', 'Saved in the contact log as a letter sent on 20 Nov 2025.');
  await expectFocus(page, 'check-notice');
  const [sent] = await callsTo(page, 'deadlines_letter_sent');
  assert.equal(sent.args.sent, '2025-11-20');
  assert.equal(sent.args.channel, 'Email');
  assert.equal(sent.args.letter.kind, 'bundle-problems');
  assert.equal(sent.args.letter.subject, 'Problems in the tribunal bundle for Sam Example');
  assert.equal(sent.args.letter.text, text);
  assert.equal(await page.locator('#check-letter-text').count(), 0, 'the letter goes once it is logged');
  await look(page, '05-sent', 'bundle check (letter sent)');

  // The family's evidence is over its limit: a SEND7 draft, shown the same way.
  await expectText(page, '#check-send7-hint', 'Your evidence is 120 pages, 20 over its limit of 100');
  await page.click('#check-send7');
  await expectText(page, '#check-letter-title', 'Request for change (SEND7): more evidence pages for Sam Example');
  assert.match(await page.inputValue('#check-letter-text'), /Permission to include 120 pages of evidence from the parent, 20 more than the limit of 100/);
  await expectText(page, 'label[for=check-letter-text]', 'SEND7 form');
  assert.equal((await callsTo(page, 'bundle_check_send7')).at(-1).args.from, 'Jo Example');
  await look(page, '06-send7', 'bundle check (SEND7 draft)');

  // A pair that looks like versions: marked, it leaves the list.
  await expectText(page, '#check-versions', '“Educational psychology update” (3 Feb 2025) may be a newer version of “Educational psychology report” (1 Sep 2021)');
  await page.getByRole('button', { name: 'Mark as newer version: “Educational psychology update”, newer than “Educational psychology report”' }).click();
  await expectText(page, '#check-notice', 'Marked “Educational psychology update” as the newer version of “Educational psychology report”');
  assert.deepEqual((await callsTo(page, 'document_mark_version')).at(-1).args, { newer: 'doc-ep-update', older: 'doc-ep', clear: false });
  await eventually(async () => (await page.locator('#check-versions').count()) === 0, 'the suggestion to leave the list');
  assert.equal(await page.locator('[role=alert]').count(), 0);
});

test('bundle check: a clean bundle says so, with no letter to write', async ({ open }) => {
  const page = await open({ ...VAULT, bundle: { ...VAULT.bundle, checkClean: true, checkDelay: 0, versionSuggestions: [] } });
  await openPacks(page);
  await page.click('#check-pick');
  await expectText(page, '#check-all-well', 'Everything you looked for is there, once and whole.');
  await expectText(page, '#check-summary', '2 of the 2 documents looked for are in it');
  for (const id of ['missing', 'outdated', 'duplicates', 'partial', 'unreadable', 'index', 'budgets']) {
    assert.equal(await page.locator(`#check-${id}`).count(), 0, `no #check-${id} section`);
  }
  assert.equal(await page.locator('#check-letter').count(), 0);
  assert.equal(await page.locator('#check-send7').count(), 0);
  assert.deepEqual((await callsTo(page, 'bundle_check_pick')).at(-1).args, { childId: 'ch-sam', packId: null, appealType: null });
  await look(page, '07-clean', 'bundle check (clean)');
});

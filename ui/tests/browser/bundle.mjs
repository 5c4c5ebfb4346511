// Browser flow of the Packs screen against the fake bundle handlers in fake-tauri.js, with axe.
// Registered by run.mjs; screenshots land in ui/test-results/ as packs-*.png.
import assert from 'node:assert/strict';
import { checkA11y, checkNoSidewaysScroll, eventually, expectDisabled, expectFocus, expectText, screenshot, test } from './harness.mjs';

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
const VAULT = { vault: { exists: true, unlocked: true, name: "Sam's record", passphrase: 'maple river lantern quietly' }, record: { children: [SAM] } };

async function look(page, name, label) {
  await page.setViewportSize({ width: 1000, height: 720 });
  await checkA11y(page, label);
  await checkNoSidewaysScroll(page, label);
  await screenshot(page, `packs-${name}`);
}

test('packs: a tribunal bundle plans live, reorders from the keyboard, warns over budget, builds with progress', async ({ open }) => {
  const page = await open(VAULT);
  await page.locator('#home-title').waitFor();
  await page.click('#nav-packs');
  await expectText(page, 'main h1', 'Packs');
  await expectText(page, '#pack-summary', 'Tribunal bundle');
  // Defaults: documents by kind, in date order; the plan's numbers and warnings are shown.
  await expectText(page, '#pack-section-D', "Parent's evidence");
  await expectText(page, 'main', 'Educational psychology report');
  await expectText(page, '#pack-warnings', 'SEND7');
  await expectText(page, '#pack-warnings', '16 pages');
  await look(page, '01-tribunal', 'packs (tribunal plan)');

  // Keyboard only: move the later report up, with a Move up button reached by Tab.
  const up = page.getByRole('button', { name: 'Move up: Speech and language therapy report' });
  await up.focus();
  await page.keyboard.press('Enter');
  await eventually(async () => {
    const order = await page.locator('.pack-section:has(#pack-section-D) .docs li .title').allTextContents();
    return order[0].startsWith('Speech and language therapy report');
  }, 'the SALT report moved to the top of section D');
  const sent = await page.evaluate(() => window.__carefileFake.callsTo('bundle_plan').at(-1).args.request.sections[3]);
  assert.deepEqual(sent.documentIds, ['doc-salt', 'doc-ep', 'doc-photo']);
  assert.equal(sent.order, 'as_given');

  // Take one out, then add it back from the list.
  await page.getByRole('button', { name: 'Take out: Photo of the work station' }).click();
  await page.selectOption('#pack-add-D', 'doc-photo');
  await page.click('.pack-section:has(#pack-section-D) .add button');
  await expectText(page, '.pack-section:has(#pack-section-D)', 'Photo of the work station');

  // Print edition changes the plan (sections on odd pages).
  await page.check('#pack-print');
  await eventually(async () => (await page.evaluate(() => window.__carefileFake.callsTo('bundle_plan').at(-1).args.request.options.printEdition)) === true, 'print edition sent');

  await page.click('#pack-build');
  await expectText(page, '#pack-saved', 'Saved to /home/family/Tribunal bundle.pdf');
  await expectFocus(page, 'pack-result-title');
  const built = await page.evaluate(() => window.__carefileBundle.builtWith);
  assert.equal(built.options.printEdition, true);
  // The result: pages and the short fingerprint the index prints.
  await expectText(page, '#pack-result-fingerprint', 'ffff ffff ffff ffff');
  assert.match((await page.locator('#pack-result-pages').textContent()) ?? '', /^\d+$/);
  await look(page, '02-built', 'packs (built)');

  // Open, Show in folder and Print act on the file just built; Rust is never given a path.
  await page.click('#pack-open');
  await page.click('#pack-show');
  await page.click('#pack-print-pdf');
  await eventually(async () => (await page.evaluate(() => window.__carefileBundle.opened.length)) === 3, 'three opener calls');
  const opened = await page.evaluate(() => window.__carefileBundle.opened);
  assert.deepEqual(opened.map((o) => o.how), ['open', 'show', 'open']);
  assert.ok(opened.every((o) => o.path === '/home/family/Tribunal bundle.pdf'));
  assert.deepEqual(await page.evaluate(() => window.__carefileFake.callsTo('bundle_open_built').map((c) => c.args)), [{}, {}]);
  const printHint = await page.locator('#pack-print-pdf').getAttribute('aria-describedby');
  await expectText(page, `#${printHint}`, 'print from there');
  const violations = await page.evaluate(() => window.__carefileFake.violations);
  assert.deepEqual(violations, []);
});

test('packs: an annual review pack takes the last review date and the three views into the plan and the build', async ({ open }) => {
  const page = await open(VAULT);
  await page.click('#nav-packs');
  await expectText(page, '#pack-summary', 'Tribunal bundle');
  // The views fields belong to annual reviews only.
  assert.equal(await page.locator('#pack-parent-views').count(), 0);
  await page.selectOption('#pack-kind', 'annual_review');
  await expectText(page, '#pack-summary', 'Annual review pack');
  await page.fill('#pack-last-review', '2024-11-20');
  const parent = 'Sam is happier since the move to the smaller class. '.repeat(40);
  await page.fill('#pack-parent-views', parent);
  await page.fill('#pack-child-views', 'I like the quiet room at lunch.');
  await page.fill('#pack-requested-changes', 'Section F: name the therapist and say how many hours.');
  await eventually(async () => {
    const r = await page.evaluate(() => window.__carefileFake.callsTo('bundle_plan').at(-1).args.request);
    return r.parentViews === parent && r.childViews === 'I like the quiet room at lunch.' && r.requestedChanges.startsWith('Section F') && r.lastReview === '2024-11-20';
  }, 'the views and the last review sent with the plan');
  // Long views take more pages in their section.
  await expectText(page, '.pack-section:has(#pack-section-A)', 'p. 4–5');
  await look(page, '03-annual-review', 'packs (annual review views)');

  await page.click('#pack-build');
  await expectText(page, '#pack-saved', 'Annual review pack.pdf');
  const built = await page.evaluate(() => window.__carefileBundle.builtWith);
  assert.equal(built.kind, 'annual_review');
  assert.equal(built.parentViews, parent);
  assert.equal(built.lastReview, '2024-11-20');
  assert.equal(built.hearing, null);

  // Back to a tribunal bundle: the views are not sent with it.
  await page.selectOption('#pack-kind', 'tribunal');
  await eventually(async () => {
    const r = await page.evaluate(() => window.__carefileFake.callsTo('bundle_plan').at(-1).args.request);
    return r.kind === 'tribunal' && r.parentViews === null && r.lastReview === null;
  }, 'a tribunal plan without views');
});

test('packs: save a pack by name, rebuild it, open it again into the builder, and delete it after asking', async ({ open }) => {
  const page = await open(VAULT);
  await page.click('#nav-packs');
  await expectText(page, '#pack-summary', 'Tribunal bundle');
  await expectText(page, '#saved-packs-empty', 'No saved packs');

  // Arrange, name and save.
  await page.getByRole('button', { name: 'Move up: Speech and language therapy report' }).click();
  await page.fill('#pack-hearing', '2026-03-02');
  await page.fill('#pack-name', 'March hearing bundle');
  await page.click('#pack-save');
  await expectText(page, '#saved-packs', 'March hearing bundle');
  await expectText(page, '#saved-packs', 'Tribunal bundle · Not built yet');
  await expectText(page, '#pack-current', 'March hearing bundle');
  await expectText(page, '#pack-summary', 'March hearing bundle');
  const savedWith = await page.evaluate(() => window.__carefileFake.callsTo('bundle_pack_save').at(-1).args);
  assert.equal(savedWith.id, null);
  assert.equal(savedWith.request.title, 'March hearing bundle');
  assert.deepEqual(savedWith.request.sections[3].documentIds, ['doc-salt', 'doc-ep', 'doc-photo']);

  // Built unchanged, the build is noted on the saved pack.
  await page.click('#pack-build');
  await expectText(page, '#pack-saved', 'March hearing bundle.pdf');
  assert.equal(await page.evaluate(() => window.__carefileBundle.builtPackId), 'pk-1');
  await expectText(page, '#saved-packs', 'Last built 14 Nov 2025');
  await expectText(page, '#saved-packs', 'fingerprint ffff ffff ffff ffff');

  // Change the builder: it says so, and a build now is not noted on the saved pack.
  await page.selectOption('#pack-kind', 'complaint');
  await expectText(page, '#pack-current', 'changes not saved yet');
  await expectText(page, '#pack-summary', 'March hearing bundle');
  await page.click('#pack-build');
  await eventually(async () => (await page.evaluate(() => window.__carefileBundle.builtWith.kind)) === 'complaint', 'the complaint pack built');
  assert.equal(await page.evaluate(() => window.__carefileBundle.builtPackId), null);

  // Open brings the saved choices back: kind, hearing, and the order as arranged.
  await page.getByRole('button', { name: 'Open: March hearing bundle' }).click();
  await eventually(async () => (await page.locator('#pack-kind').inputValue()) === 'tribunal', 'kind back to tribunal');
  assert.equal(await page.locator('#pack-hearing').inputValue(), '2026-03-02');
  await eventually(async () => {
    const order = await page.locator('.pack-section:has(#pack-section-D) .docs li .title').allTextContents();
    return order[0]?.startsWith('Speech and language therapy report');
  }, 'the saved order restored');
  await eventually(async () => !((await page.locator('#pack-current').textContent()) ?? '').includes('not saved'), 'no unsaved changes after opening');

  // Rebuild from the list builds the saved request as it is.
  await page.getByRole('button', { name: 'Rebuild: March hearing bundle' }).click();
  await eventually(async () => (await page.evaluate(() => window.__carefileBundle.builtPackId)) === 'pk-1', 'rebuilt as the saved pack');
  const rebuilt = await page.evaluate(() => window.__carefileBundle.builtWith);
  assert.equal(rebuilt.hearing, '2026-03-02');
  await look(page, '04-saved', 'packs (saved packs)');

  // Delete asks once; "Keep it" keeps it.
  await page.getByRole('button', { name: 'Delete: March hearing bundle' }).click();
  await expectText(page, '#saved-packs', 'Only its choices go');
  await expectFocus(page, 'pack-delete-keep');
  await checkA11y(page, 'packs (delete question)');
  await page.click('#pack-delete-keep');
  await expectText(page, '#saved-packs', 'March hearing bundle');
  assert.equal((await page.evaluate(() => window.__carefileFake.callsTo('bundle_pack_delete'))).length, 0);
  await page.getByRole('button', { name: 'Delete: March hearing bundle' }).click();
  await page.click('#pack-delete-yes');
  await expectText(page, '#saved-packs-empty', 'No saved packs');
  assert.deepEqual(await page.evaluate(() => window.__carefileFake.callsTo('bundle_pack_delete').map((c) => c.args)), [{ id: 'pk-1' }]);
  assert.equal(await page.locator('#pack-current').count(), 0);
});

test('packs: re-issue a built pack with a late addition after its last page; earlier pages stay put', async ({ open }) => {
  const page = await open(VAULT);
  await page.click('#nav-packs');
  await expectText(page, '#pack-summary', 'Tribunal bundle');
  // Leave the speech and language report out of the first issue, save and build it.
  await page.getByRole('button', { name: 'Take out: Speech and language therapy report' }).click();
  await page.fill('#pack-name', 'March hearing bundle');
  await page.click('#pack-save');
  await expectText(page, '#saved-packs', 'Not built yet');
  await expectText(page, '#pack-summary', 'March hearing bundle');
  // Not built yet: nothing to re-issue.
  assert.equal(await page.getByRole('button', { name: 'Late additions: March hearing bundle' }).count(), 0);
  await page.click('#pack-build');
  await expectText(page, '#pack-saved', 'March hearing bundle.pdf');
  const first = await page.evaluate(() => window.__carefileBundle.issues['pk-1'][0]);

  await page.getByRole('button', { name: 'Late additions: March hearing bundle' }).click();
  await expectFocus(page, 'late-title');
  await expectText(page, '#late-last-issue', `Issue 1, built 14 Nov 2025: ${first.pages} pages`);
  await expectText(page, '#late-tribunal-hint', 'form SEND7');
  // Only what is not in the pack yet is offered.
  assert.deepEqual(await page.locator('#late-candidates li strong').allTextContents(), ['Speech and language therapy report']);
  await page.getByLabel(/Speech and language therapy report/).check();
  await expectText(page, '#late-adding', 'Adds 90 pages and a divider.');
  await expectText(page, '#late-reissue', 'Re-issue with 1 late addition');
  await look(page, '05-late-additions', 'packs (late additions)');
  await page.click('#late-reissue');

  await expectText(page, '#pack-saved', 'March hearing bundle (late additions).pdf');
  assert.deepEqual(await page.evaluate(() => window.__carefileBundle.reissuedWith), ['doc-salt']);
  assert.equal(await page.locator('#late-title').count(), 0, 'the panel closes once re-issued');
  const issues = await page.evaluate(() => window.__carefileFake.callsTo('bundle_reissue_save').at(-1).args);
  assert.deepEqual(issues, { packId: 'pk-1', documentIds: ['doc-salt'], fileName: 'March hearing bundle (late additions).pdf' });
  const second = await page.evaluate(() => window.__carefileBundle.issues['pk-1'][1]);
  assert.equal(second.lateFrom, first.plan.manifestFirstPage, 'the additions start where the manifest was');
  await expectText(page, '#pack-result-pages', String(second.pages));

  // Everything in it now: the panel says so.
  await page.getByRole('button', { name: 'Late additions: March hearing bundle' }).click();
  await expectText(page, '#late-none', 'already in the pack');
  await expectText(page, '#late-last-issue', 'Issue 2');
  await page.click('#late-close');
  assert.equal(await page.locator('#late-title').count(), 0);
  assert.deepEqual(await page.evaluate(() => window.__carefileFake.violations), []);
});

test('packs: preview a pack in the app with progress, turn pages, jump to a section, and close; nothing is saved', async ({ open }) => {
  const page = await open(VAULT);
  await page.click('#nav-packs');
  await expectText(page, '#pack-summary', 'Tribunal bundle');
  await expectText(page, '#pack-section-D', "Parent's evidence");

  await page.click('#pack-preview');
  await eventually(async () => (await page.locator('#pack-progress').count()) === 1, 'the progress bar while the preview builds');
  await expectText(page, '#pack-progress', 'Preview');
  await expectText(page, '#pack-preview', 'Preparing the preview');
  await expectText(page, '#preview-page', 'Page 1 of ');
  const total = await page.evaluate(() => window.__carefileBundle.previewedPages);
  await expectText(page, '#preview-page', `Page 1 of ${total}`);
  assert.equal(await page.locator('#pack-progress').count(), 0, 'the progress bar goes when the preview is ready');
  await expectFocus(page, 'preview-title');
  await expectText(page, '#preview-not-saved', 'Preview — not saved anywhere. Build the PDF to save it.');
  await expectText(page, '#preview-where', 'The cover');
  // The request previewed is the one the plan on screen came from.
  const planned = await page.evaluate(() => window.__carefileFake.callsTo('bundle_plan').at(-1).args.request);
  assert.ok(planned.sections.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__carefileBundle.previewedWith), planned);

  // pdf.js drew the page: the canvas has dark pixels (the cover's title).
  const inked = () =>
    page.evaluate(() => {
      const c = document.getElementById('preview-canvas');
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] < 100) dark += 1;
      return c.width > 100 && dark > 50;
    });
  await eventually(inked, 'the cover drawn on the canvas');

  // Next page with the button, then with Page Down from the keyboard.
  await page.click('#preview-next');
  await expectText(page, '#preview-page', `Page 2 of ${total}`);
  await expectText(page, '#preview-where', 'The index');
  await page.focus('#preview-next');
  await page.keyboard.press('PageDown');
  await expectText(page, '#preview-page', `Page 3 of ${total}`);
  await expectText(page, '#preview-where', 'The divider of section A');

  // The places list: cover, index, each section's divider, manifest; jump to section D.
  const places = await page.locator('.starts .start-label').allTextContents();
  assert.deepEqual(places, ['Cover', 'Index', 'A. Core papers', 'B. EHC plan and Section K appendices', 'C. Working document', "D. Parent's evidence", "E. Local authority's evidence", 'Manifest']);
  const dFirst = Number((await page.locator('#preview-go-section-D .small').textContent()).replace(/\D/g, ''));
  await page.focus('#preview-go-section-D');
  await page.keyboard.press('Enter');
  await expectText(page, '#preview-page', `Page ${dFirst} of ${total}`);
  await expectText(page, '#preview-where', "The divider of section D, Parent's evidence");
  assert.equal(await page.locator('#preview-go-section-D').getAttribute('aria-current'), 'true');
  await page.click('#preview-next');
  await expectText(page, '#preview-where', 'D1 Educational psychology report, page 1 of 16');
  assert.equal(await page.locator('#preview-go-section-D').getAttribute('aria-current'), 'true', 'still in section D');
  await page.click('#preview-go-manifest');
  await expectText(page, '#preview-page', `Page ${total} of ${total}`);
  await expectText(page, '#preview-where', 'The manifest');
  await expectDisabled(page, '#preview-next', true);
  await page.click('#preview-go-section-D');
  await eventually(inked, 'the divider drawn on the canvas');

  // Fit-width fills the page area; zoom out, then back to fit-width.
  await page.setViewportSize({ width: 1000, height: 720 });
  const canvasWidth = () => page.locator('#preview-canvas').evaluate((c) => c.getBoundingClientRect().width);
  const areaWidth = () => page.locator('.page-area').evaluate((a) => a.clientWidth);
  await expectText(page, '#preview-zoom', '100%');
  await expectDisabled(page, '#preview-fit', true);
  await eventually(async () => Math.abs((await canvasWidth()) - (await areaWidth())) < 2, 'the page as wide as its area');
  const fitWidth = await canvasWidth();
  await page.click('#preview-zoom-out');
  await expectText(page, '#preview-zoom', '75%');
  await eventually(async () => (await canvasWidth()) < fitWidth * 0.8, 'a smaller page');
  await page.click('#preview-fit');
  await expectText(page, '#preview-zoom', '100%');
  await eventually(async () => Math.abs((await canvasWidth()) - fitWidth) < 2, 'the page back at fit-width');
  await page.evaluate(() => window.scrollTo(0, 0));
  await look(page, '06-preview', 'packs (preview)');

  // A change to the pack marks the preview out of date.
  assert.equal(await page.locator('#preview-stale').count(), 0);
  await page.check('#pack-print');
  await expectText(page, '#preview-stale', 'Preview it again');

  // Close: the preview goes, focus returns to the Preview button, and nothing was saved.
  await page.click('#preview-close');
  assert.equal(await page.locator('#preview-title').count(), 0);
  await expectFocus(page, 'pack-preview');
  assert.equal((await page.evaluate(() => window.__carefileFake.callsTo('bundle_preview'))).length, 1);
  assert.equal((await page.evaluate(() => window.__carefileFake.callsTo('bundle_build_save'))).length, 0, 'no build was saved');
  assert.equal(await page.evaluate(() => window.__carefileBundle.lastBuilt), null, 'no file to open');
  assert.equal(await page.locator('#pack-saved').count(), 0);
  assert.deepEqual(await page.evaluate(() => window.__carefileFake.violations), []);
});

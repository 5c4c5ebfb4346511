// Browser flows of the Documents screen (list, import with its report, drag-and-drop, search,
// the viewer with pdf.js, details, OCR) against the in-memory documents in fake-tauri.js, with axe
// on every screen. Registered by run.mjs; screenshots land in ui/test-results/ as documents-*.png.
import assert from 'node:assert/strict';
import { checkA11y, checkNoSidewaysScroll, eventually, expectFocus, expectText, screenshot, test } from './harness.mjs';

const VAULT = { vault: { exists: true, unlocked: true, name: "Sam's record", passphrase: 'maple river lantern quietly' } };
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
const EP_PAGES = Array.from({ length: 6 }, (_, i) =>
  i === 3 ? 'Sam needs 1:1 support from a teaching assistant for all lessons.' : `Page ${i + 1} of the report: background and history.`,
);
const withDocuments = (extra = {}) => ({
  ...VAULT,
  record: { children: [SAM] },
  documents: {
    seed: [
      { id: 'doc-ep', title: 'Educational psychology report', kind: 'report', author: 'Dr A Example', dated: '2025-03-14', childIds: ['ch-sam'], personIds: ['pe-1'], texts: EP_PAGES },
      { id: 'doc-scan', title: 'Letter from school (scanned)', kind: 'letter', author: 'Sample Street Primary', dated: '2025-09-02', childIds: ['ch-sam'], textStatus: 'needs_ocr', texts: [''] },
      { id: 'doc-word', title: 'Speech therapy notes', kind: 'report', author: 'Ms B Example', dated: '2024-11-20', childIds: [], textStatus: 'needs_libreoffice', format: 'word', texts: [''] },
    ],
    ...extra,
  },
});

async function look(page, name, label) {
  await page.setViewportSize({ width: 1000, height: 720 });
  await checkA11y(page, label);
  await checkNoSidewaysScroll(page, label);
  await screenshot(page, `documents-${name}`);
}

async function openDocuments(page) {
  await page.locator('#home-title').waitFor();
  await page.click('#nav-documents');
  await expectText(page, 'main h1', 'Documents');
}

test('documents: the list shows kind, author, date, pages and a plain flag for scans and Word files', async ({ open }) => {
  const page = await open(withDocuments());
  await openDocuments(page);
  await expectText(page, '#document-list', 'Educational psychology report');
  const row = (title) => page.locator('#document-list tr', { hasText: title });
  const ep = (await row('Educational psychology report').textContent()) ?? '';
  for (const part of ['Report', 'Dr A Example', '14 Mar 2025', '6']) assert.ok(ep.includes(part), `EP row has ${part}: ${ep}`);
  await expectText(page, '#document-list', 'Scanned: not searchable yet');
  await expectText(page, '#document-list', 'Needs LibreOffice to view');
  await look(page, '01-list', 'documents list');

  // Filters: a kind, then a date range, then all again.
  await page.selectOption('#filter-kind', 'letter');
  await eventually(async () => (await page.locator('#document-list tbody tr').count()) === 1, 'one letter');
  await page.selectOption('#filter-kind', '');
  await page.fill('#filter-from', '2025-01-01');
  await eventually(async () => (await page.locator('#document-list tbody tr').count()) === 2, 'two documents from 2025');
  await page.getByRole('button', { name: 'Show all documents' }).click();
  await eventually(async () => (await page.locator('#document-list tbody tr').count()) === 3, 'all three again');
});

test('documents: add files through the dialog, see progress, then a report in words', async ({ open }) => {
  const page = await open(
    withDocuments({
      nextImport: [
        { file: '/home/parent/Documents/Annual review minutes.pdf', texts: ['Minutes of the annual review meeting.', 'Actions agreed.'] },
        { file: '/home/parent/Documents/EP report copy.pdf', duplicate: true },
        { file: '/home/parent/Documents/holiday.mov', refused: "holiday.mov isn't a kind of file Carefile can keep. It keeps PDFs, photos (JPEG, PNG, TIFF), emails (.eml), Word documents and text files." },
      ],
    }),
  );
  await openDocuments(page);
  await page.click('#import-files');
  await expectText(page, '#import-progress', 'Adding file');
  assert.equal(await page.locator('#import-progress progress').count(), 1, 'a progress bar');
  await screenshot(page, 'documents-02-importing');
  await expectText(page, '#import-summary', '1 added, 1 already in your vault, 1 not added.');
  await expectFocus(page, 'import-report-title');
  await expectText(page, '#import-report', "holiday.mov isn't a kind of file Carefile can keep");
  await expectText(page, '#import-report', 'EP report copy.pdf');
  await expectText(page, '#document-list', 'Annual review minutes');
  // Linked to the child chosen on the screen.
  const args = (await page.evaluate(() => window.__carefileFake.callsTo('document_import_files')))[0].args;
  assert.deepEqual(args.metadata.childId, null);
  await look(page, '03-import-report', 'import report');
});

test('documents: files dropped on the window are added', async ({ open }) => {
  const page = await open(withDocuments());
  await openDocuments(page);
  // The screen subscribes to drag events asynchronously; emitting earlier would go unheard.
  await page.waitForFunction(() => ['tauri://drag-enter', 'tauri://drag-drop'].every((e) => window.__carefileFake.listening(e)));
  await page.evaluate(() => window.__carefileFake.emit('tauri://drag-enter', { paths: ['/tmp/x.pdf'], position: { x: 10, y: 10 } }));
  await page.locator('.drop-overlay').waitFor();
  await screenshot(page, 'documents-04-dragging');
  await page.evaluate(() =>
    window.__carefileFake.emit('tauri://drag-drop', { paths: ['/home/parent/Downloads/SALT report.pdf'], position: { x: 10, y: 10 } }),
  );
  await expectText(page, '#import-summary', '1 added.');
  assert.equal(await page.locator('.drop-overlay').count(), 0);
  const calls = await page.evaluate(() => window.__carefileFake.callsTo('document_import_paths'));
  assert.deepEqual(calls[0].args.paths, ['/home/parent/Downloads/SALT report.pdf']);
  await expectText(page, '#document-list', 'SALT report');
});

test('documents: search finds a phrase, shows the page and a marked snippet, and opens the viewer there', async ({ open }) => {
  const page = await open(withDocuments());
  await openDocuments(page);
  await page.fill('#doc-search', '1:1 support');
  await page.press('#doc-search', 'Enter');
  await expectText(page, '#results-title', '1 place found for “1:1 support”');
  await expectFocus(page, 'results-title');
  await expectText(page, '#search-results', 'Page 4');
  const marks = await page.locator('#search-results mark').allTextContents();
  assert.deepEqual(marks, ['1:1', 'support']);
  await look(page, '05-search', 'search results');

  // A snippet is text, never HTML.
  await page.evaluate(() => {
    window.__carefileDocuments.pages['doc-ep'][0] = 'Attack <img src=x onerror="window.__pwned=1"> test';
  });
  await page.fill('#doc-search', 'attack');
  await page.press('#doc-search', 'Enter');
  await expectText(page, '#search-results', '<img src=x');
  assert.equal(await page.locator('#search-results img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  await page.fill('#doc-search', '1:1 support');
  await page.press('#doc-search', 'Enter');
  await expectText(page, '#search-results', 'Page 4');
  await page.getByRole('button', { name: /Educational psychology report.*page 4/ }).click();
  await expectText(page, '#viewer-title', 'Educational psychology report');
  await expectText(page, '#viewer-page', 'Page 4 of 6');
  await expectText(page, '#page-text', 'teaching assistant');
  assert.deepEqual(await page.locator('#page-text mark').allTextContents(), ['1:1', 'support']);
  // pdf.js drew the page: the canvas has pixels that are not white.
  await eventually(
    () =>
      page.evaluate(() => {
        const c = document.getElementById('viewer-canvas');
        if (!c || c.width < 100) return false;
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 3] > 0) return true;
        return false;
      }),
    'pdf.js to draw the page',
    10000,
  );
  assert.equal(await page.locator('[role=alert]').count(), 0, 'no error while drawing');
  assert.equal(await page.locator('.thumb').count(), 6);
  assert.equal(await page.locator('.thumb[aria-current="page"]').textContent().then((t) => t?.trim()), 'Page 4');
  await look(page, '06-viewer', 'viewer at the hit');

  // Zoom in and out; another page from its thumbnail.
  await page.click('#zoom-in');
  await expectText(page, '#zoom-level', '125%');
  await page.click('#zoom-out');
  await page.click('#zoom-out');
  await expectText(page, '#zoom-level', '75%');
  await page.locator('.thumb', { hasText: 'Page 2' }).click();
  await expectText(page, '#viewer-page', 'Page 2 of 6');
  await expectText(page, '#hit-count', 'not on this page');

  // Export a copy through the save dialog; it says why that is the way to print.
  await expectText(page, 'main', 'To open it in another program, export a copy first');
  await page.click('#viewer-export');
  await expectText(page, '#export-notice', 'Saved an exact copy to /home/parent/Documents/Educational psychology report.pdf');
  await expectText(page, '#export-notice', 'That copy is not encrypted');
  // Open in another program acts on that copy only.
  await page.click('#viewer-open-copy');
  await eventually(
    async () => (await page.evaluate(() => window.__carefileDocuments.openedCopies?.length)) === 1,
    'the copy opened',
  );
  assert.deepEqual(await page.evaluate(() => window.__carefileDocuments.openedCopies), ['/home/parent/Documents/Educational psychology report.pdf']);

  // Back to the results, and from the list to the viewer and back to the same row.
  await page.click('#viewer-back');
  await expectText(page, 'main h1', 'Documents');
  await expectFocus(page, 'results-title');
  await page.getByRole('button', { name: 'Clear the search' }).click();
  await page.click('#doc-doc-ep');
  await expectText(page, '#viewer-page', 'Page 1 of 6');
  await page.click('#viewer-back');
  await expectFocus(page, 'doc-doc-ep');
});

test('documents: edit the details of a document', async ({ open }) => {
  const page = await open(withDocuments());
  await openDocuments(page);
  await page.click('#doc-doc-ep');
  await page.click('#viewer-edit');
  await expectFocus(page, 'doc-title');
  await page.fill('#doc-title', '');
  await page.click('#doc-save');
  await expectText(page, '[role=alert]', "can't be left blank");
  await page.fill('#doc-title', 'EP report (2025)');
  await page.selectOption('#doc-kind', 'evidence');
  await page.fill('#doc-author', 'Dr A Example, EP');
  await page.fill('#doc-received', '2025-03-20');
  await page.fill('#doc-tags', 'annual review, cognition');
  await look(page, '07-edit', 'edit details');
  await page.click('#doc-save');
  await expectText(page, '#viewer-title', 'EP report (2025)');
  await expectText(page, 'main', 'Received 20 Mar 2025');
  const change = (await page.evaluate(() => window.__carefileFake.callsTo('document_update')))[0].args.change;
  assert.deepEqual(change.tags, ['annual review', 'cognition']);
  assert.deepEqual(change.childIds, ['ch-sam']);
  assert.equal(change.kind, 'evidence');
});

test('documents: scanned pages are made searchable with progress, only when OCR is available', async ({ open }) => {
  const none = await open(withDocuments());
  await openDocuments(none);
  await expectText(none, '#document-list', 'Scanned');
  assert.equal(await none.locator('#ocr-start').count(), 0, 'no OCR button without Tesseract');
  await none.close();

  const page = await open(withDocuments({ ocrAvailable: true, ocrWaiting: 7 }));
  await openDocuments(page);
  await page.locator('#ocr-start').waitFor();
  await look(page, '08-ocr-offer', 'OCR offered');
  await page.click('#ocr-start');
  await expectText(page, '#ocr-result', '7 pages are now searchable.');
  assert.equal((await page.evaluate(() => window.__carefileFake.callsTo('document_ocr_run'))).length, 3);
  await eventually(async () => (await page.locator('#document-list').textContent()).includes('Scanned') === false, 'the flag to go');
});

test('documents: after an upgrade, documents are read again in the background with progress', async ({ open }) => {
  const page = await open(withDocuments({ rereadWaiting: 5, rereadDelay: 1500 }));
  await openDocuments(page);
  await expectText(page, '#reread-label', 'reading your PDFs again');
  await look(page, '08b-reread', 'reading documents again');
  // It goes on by itself, a couple at a time, and the notice goes when it is done.
  await eventually(async () => (await page.locator('#reread-title').count()) === 0, 'the re-read to finish', 15000);
  assert.equal((await page.evaluate(() => window.__carefileFake.callsTo('document_reread_run'))).length, 3);
});

test('documents: a document with no pages to draw shows its words and says what it needs', async ({ open }) => {
  const page = await open(withDocuments());
  await openDocuments(page);
  await page.click('#doc-doc-word');
  await expectText(page, '#viewer-status', 'LibreOffice');
  await look(page, '09-viewer-word', 'viewer (Word, no LibreOffice)');
});

// The record, made through the fake's own commands: a logged call, a plan with Section F text and an
// outcome with a progress note, each mentioning a trampoline. Returns their ids.
async function seedRecord(page) {
  return page.evaluate(async () => {
    const ipc = (cmd, args) => window.__TAURI_INTERNALS__.invoke(cmd, args);
    const call = await ipc('log_add', {
      input: { childId: 'ch-sam', personId: null, kind: 'call', direction: 'in', subject: 'Call with the SENCo', dated: '2025-03-10', sent: null, received: null, channel: 'phone', proofOfDelivery: null, summary: 'The SENCo agreed a weekly trampoline session.', actions: [] },
    });
    const plan = await ipc('plan_add', { input: { childId: 'ch-sam', kind: 'ehc_plan', title: null, localAuthority: null, namedSetting: null, caseworkerId: null } });
    await ipc('plan_set_section', { planId: plan.id, section: 'F', label: null, text: 'Sam will have a trampoline session with a trained adult each week.' });
    const outcome = await ipc('plan_add_outcome', { planId: plan.id, input: { text: 'Sam will join in PE with friends.', pfaArea: null, byWhen: null } });
    const note = await ipc('progress_add', { planId: plan.id, input: { outcomeId: outcome.id, dated: '2025-06-01', source: 'school', note: 'Sam loved the trampoline club.' } });
    const place = (over) => ({ childId: 'ch-sam', planId: null, planSection: null, outcomeId: null, ...over });
    const hit = (over) => ({ kind: null, page: 1, matchedIn: 'text', dated: '2025-03-10', ...over });
    window.__carefileDocuments.recordHits = [
      hit({ id: call.id, source: 'correspondence', title: 'Call with the SENCo', snippet: 'agreed a weekly [trampoline] session', place: place({}) }),
      hit({ id: plan.id, source: 'plan', title: 'EHC plan, section F (version 1)', snippet: 'a [trampoline] session each week', place: place({ planId: plan.id, planSection: 'F' }) }),
      hit({ id: note.id, source: 'note', title: 'Progress note, EHC plan', snippet: 'Sam loved the [trampoline] club', place: place({ planId: plan.id, outcomeId: outcome.id }) }),
      hit({ id: 'co-nochild', source: 'correspondence', title: 'Letter with no child', snippet: 'a [trampoline] letter', place: place({ childId: null }) }),
    ];
    return { call: call.id, plan: plan.id, outcome: outcome.id };
  });
}

async function searchFor(page, text) {
  await page.click('#nav-documents');
  await expectText(page, 'main h1', 'Documents');
  await page.fill('#doc-search', text);
  await page.press('#doc-search', 'Enter');
  await expectText(page, '#results-title', 'found for');
}

test('documents: a hit in the contact log, a plan section or a progress note opens where it is', async ({ open }) => {
  const page = await open(withDocuments());
  await page.locator('#home-title').waitFor();
  const ids = await seedRecord(page);

  await openDocuments(page);
  await searchFor(page, 'trampoline');
  await expectText(page, '#results-title', '4 places found');
  await expectText(page, '#search-results', 'Contact log');
  // A hit the record can't place stays as words, not a button that goes nowhere.
  assert.equal(await page.getByRole('button', { name: /Letter with no child/ }).count(), 0);
  await expectText(page, '#search-results', 'Letter with no child');
  await look(page, '10-record-hits', 'record hits');

  await page.getByRole('button', { name: /^Call with the SENCo.*open in the contact log$/ }).click();
  await expectText(page, 'main h1', 'Contact log');
  assert.equal(await page.locator('#nav-log').getAttribute('aria-current'), 'page');
  await expectFocus(page, `entry-${ids.call}`);

  await searchFor(page, 'trampoline');
  await page.getByRole('button', { name: /section F \(version 1\).*open section f of the plan$/ }).click();
  await expectText(page, 'main h1', 'Plan');
  await expectFocus(page, 'section-F-text');
  assert.match(await page.inputValue('#section-F-text'), /trampoline session/);
  await look(page, '11-plan-section-from-search', 'plan section opened from search');

  await searchFor(page, 'trampoline');
  await page.getByRole('button', { name: /^Progress note, EHC plan.*open the outcome in the plan$/ }).click();
  await expectText(page, 'main h1', 'Plan');
  await expectFocus(page, `progress-${ids.outcome}`);
  await expectText(page, `#progress-${ids.outcome}`, 'Sam loved the trampoline club.');
});

test('documents: print draws every page to an image in memory and opens the print dialog', async ({ open }) => {
  const page = await open(withDocuments());
  await openDocuments(page);
  await page.click('#doc-doc-ep');
  await expectText(page, '#viewer-page', 'Page 1 of 6');
  await expectText(page, '#viewer-people', 'From Pat Placeholder, SEN caseworker, in your People list.');
  // The dialog itself can't be driven: note what was ready to print at the moment it was asked for.
  await page.evaluate(() => {
    window.__printed = [];
    window.print = () => {
      const box = document.getElementById('print-pages');
      window.__printed.push({
        hiddenOnScreen: box ? getComputedStyle(box).display === 'none' : null,
        images: [...(box?.querySelectorAll('img') ?? [])].map((img) => ({ src: img.src.slice(0, 22), drawn: img.complete && img.naturalWidth > 500 })),
      });
    };
  });
  await page.click('#viewer-print');
  await eventually(() => page.evaluate(() => window.__printed.length === 1), 'the print dialog', 15000);
  const [printed] = await page.evaluate(() => window.__printed);
  assert.equal(printed.images.length, 6, 'one image per page');
  for (const img of printed.images) {
    assert.equal(img.src, 'data:image/png;base64,');
    assert.ok(img.drawn, 'each page is a drawn image');
  }
  assert.equal(printed.hiddenOnScreen, true, 'the pages are not shown on screen');
  await expectFocus(page, 'viewer-print');
  // On paper only the pages appear, not the app.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('app')).display), 'none');
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('print-pages')).display), 'block');
  await page.emulateMedia({ media: 'screen' });
  // Nothing was exported or written for it, and the pages go once printing ends.
  assert.equal((await page.evaluate(() => window.__carefileFake.callsTo('document_export'))).length, 0);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.locator('#print-pages').count(), 0);
});

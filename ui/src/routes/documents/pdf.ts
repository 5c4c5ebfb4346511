// pdf.js, bundled with the app (no remote scripts): the library and its worker are files Vite
// emits next to the app, loaded only when the viewer first shows a PDF. The worker is a module
// script from the app's own origin, which the CSP's `script-src 'self'` already allows.
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { wordPattern } from './snippet';

type PdfJs = typeof import('pdfjs-dist');
let loading: Promise<PdfJs> | null = null;

function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    const [lib, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
    lib.GlobalWorkerOptions.workerSrc = worker.default;
    return lib;
  })();
  return loading;
}

export type { PDFDocumentProxy };

/** Opens a PDF from bytes held in memory (a copy is handed to the worker). */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const lib = await pdfjs();
  return lib.getDocument({
    data: bytes.slice(),
    // The CSP has no 'unsafe-eval'; fonts the PDF doesn't embed come from the system.
    isEvalSupported: false,
    useSystemFonts: true,
    enableXfa: false,
  }).promise;
}

type Page = Awaited<ReturnType<PDFDocumentProxy['getPage']>>;
type Viewport = ReturnType<Page['getViewport']>;

/**
 * Paints a translucent yellow box over each whole-word occurrence of `words` in the page's text
 * layer. Positions within a run of text are estimated from the width of the text before the
 * word, which is close enough to point the eye at the hit.
 */
async function markWords(
  page: Page,
  viewport: Viewport,
  canvas: HTMLCanvasElement,
  words: string[],
  stillCurrent: () => boolean,
) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const pattern = wordPattern(words);
  // Read the text stream by hand: getTextContent() iterates a ReadableStream with `for await`,
  // which the Linux webview (WebKitGTK) does not support.
  const reader = page.streamTextContent().getReader();
  const items: unknown[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    items.push(...((value as { items?: unknown[] } | undefined)?.items ?? []));
  }
  if (!stillCurrent()) return;
  ctx.save();
  ctx.globalCompositeOperation = 'multiply';
  ctx.fillStyle = 'rgba(255, 214, 0, 0.55)';
  // Proportional widths measured in a sans-serif face place the mark better than counting letters.
  ctx.font = '100px sans-serif';
  for (const raw of items) {
    const item = raw as { str?: string; transform?: number[]; width?: number; height?: number };
    if (!item.str || !item.transform) continue;
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform;
    const height = item.height || Math.hypot(c, d);
    const width = item.width ?? 0;
    if (!width || !height || Math.abs(b) > 0.01 || Math.abs(c) > 0.01 || a < 0) continue; // upright text only
    const full = ctx.measureText(item.str).width || item.str.length;
    const share = (chars: number) => ctx.measureText(item.str!.slice(0, chars)).width / full;
    for (const m of item.str.matchAll(pattern)) {
      const start = share(m.index ?? 0);
      const end = share((m.index ?? 0) + m[0].length);
      const [x1, y1, x2, y2] = viewport.convertToViewportRectangle([
        e + width * start,
        f - height * 0.25,
        e + width * end,
        f + height * 0.95,
      ]);
      ctx.fillRect(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1));
    }
  }
  ctx.restore();
}

const running = new WeakMap<HTMLCanvasElement, RenderTask>();
const latest = new WeakMap<HTMLCanvasElement, number>();

/**
 * Draws page `n` into `canvas`, `cssWidth` pixels wide, sharp on high-density screens. A render
 * already running on the same canvas is cancelled first. Resolves false when cancelled.
 */
export async function renderPage(
  doc: PDFDocumentProxy,
  n: number,
  canvas: HTMLCanvasElement,
  cssWidth: number,
  words: string[] = [],
): Promise<boolean> {
  // Only the newest request for a canvas draws: an older one still waiting for its page gives up.
  const mine = (latest.get(canvas) ?? 0) + 1;
  latest.set(canvas, mine);
  running.get(canvas)?.cancel();
  const page = await doc.getPage(n);
  if (latest.get(canvas) !== mine) return false;
  running.get(canvas)?.cancel();
  const base = page.getViewport({ scale: 1 });
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: (cssWidth / base.width) * ratio });
  canvas.width = Math.max(1, Math.floor(viewport.width));
  canvas.height = Math.max(1, Math.floor(viewport.height));
  canvas.style.width = `${Math.round(cssWidth)}px`;
  canvas.style.height = `${Math.round(viewport.height / ratio)}px`;
  const task = page.render({ canvas, viewport });
  running.set(canvas, task);
  try {
    await task.promise;
    if (words.length) await markWords(page, viewport, canvas, words, () => latest.get(canvas) === mine);
    return latest.get(canvas) === mine;
  } catch (error) {
    if ((error as { name?: string })?.name === 'RenderingCancelledException') return false;
    throw error;
  } finally {
    if (running.get(canvas) === task) running.delete(canvas);
  }
}

/**
 * Calls `set` with the width of the area pages are drawn in (at least 200 px) whenever it changes,
 * so the page fits the window. Returns the function that stops watching.
 */
export function watchWidth(area: HTMLElement | undefined, set: (width: number) => void): () => void {
  const observer = new ResizeObserver(([entry]) => {
    if (entry) set(Math.max(200, Math.floor(entry.contentRect.width)));
  });
  if (area) observer.observe(area);
  return () => observer.disconnect();
}

/**
 * [`renderPage`] for a screen that shows one page at a time: `busy(true)` while it draws and
 * `busy(false)` once the newest drawing has finished or failed; a failure goes to `failed`. A
 * drawing cancelled by a newer one leaves `busy` to the newer one.
 */
export function showPage(
  doc: PDFDocumentProxy,
  n: number,
  canvas: HTMLCanvasElement,
  cssWidth: number,
  words: string[],
  busy: (drawing: boolean) => void,
  failed: (raw: unknown) => void,
): void {
  busy(true);
  renderPage(doc, n, canvas, cssWidth, words)
    .then((finished) => {
      if (finished) busy(false);
    })
    .catch((raw) => {
      busy(false);
      failed(raw);
    });
}

/**
 * Page `n` drawn at `dpi` into a PNG `data:` URL, for printing. The image is held in memory only;
 * the canvas it was drawn on is released straight away.
 */
export async function pageImage(doc: PDFDocumentProxy, n: number, dpi = 150): Promise<string> {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale: dpi / 72 });
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.floor(viewport.width));
  canvas.height = Math.max(1, Math.floor(viewport.height));
  try {
    await page.render({ canvas, viewport }).promise;
    return canvas.toDataURL('image/png');
  } finally {
    canvas.width = 0;
    canvas.height = 0;
    page.cleanup();
  }
}

/**
 * Draws thumbnails one after another in the background, so a long document's thumbnails never
 * compete with the page being read. A thumbnail that fails stays blank.
 */
export function thumbnailDrawer(width: number) {
  let queue: Promise<unknown> = Promise.resolve();
  return (doc: PDFDocumentProxy, canvas: HTMLCanvasElement, n: number) => {
    queue = queue.then(() => renderPage(doc, n, canvas, width)).catch(() => undefined);
  };
}

// Printing the open document without a readable copy on disk: each page is an image in memory
// (a data: URL), put in a container beside the app that the print stylesheet (PrintButton.svelte)
// shows alone, and then the system's print dialog opens. The container goes once printing ends.

export const PRINT_CONTAINER_ID = 'print-pages';

/** Removes the pages prepared for printing, if any. */
export function clearPrintPages() {
  document.getElementById(PRINT_CONTAINER_ID)?.remove();
}

/** Puts one image per page in the print container and opens the print dialog. */
export async function printImages(urls: string[], title: string): Promise<void> {
  clearPrintPages();
  const box = document.createElement('div');
  box.id = PRINT_CONTAINER_ID;
  // On screen it is never shown; to assistive technology it is not there at all.
  box.setAttribute('aria-hidden', 'true');
  urls.forEach((url, i) => {
    const img = document.createElement('img');
    img.src = url;
    img.alt = `Page ${i + 1} of ${title}`;
    box.append(img);
  });
  document.body.append(box);
  await Promise.all([...box.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined)));
  window.addEventListener('afterprint', clearPrintPages, { once: true });
  window.print();
}

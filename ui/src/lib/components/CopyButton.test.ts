import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import CopyButton from './CopyButton.svelte';

// userEvent.setup() installs its own clipboard, so ours goes in after it.
function withClipboard(writeText: (text: string) => Promise<void>) {
  const user = userEvent.setup();
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  return user;
}

describe('CopyButton', () => {
  it('copies the text and says so', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    const user = withClipboard(writeText);
    render(CopyButton, { props: { text: 'Dear Pat,' } });
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('Dear Pat,');
    expect(await screen.findByText('Copied. Paste it into an email.')).toBeInTheDocument();
  });

  it('says so in words when copying is not possible', async () => {
    const user = withClipboard(vi.fn().mockRejectedValue(new Error('denied')));
    document.execCommand = vi.fn().mockReturnValue(false);
    render(CopyButton, { props: { text: 'x' } });
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText(/Couldn’t copy/)).toBeInTheDocument();
  });
});

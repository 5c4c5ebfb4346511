import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ChildPhoto from './ChildPhoto.svelte';

const PHOTO = 'data:image/png;base64,iVBORw0KGgo=';

describe('ChildPhoto', () => {
  it('shows the photo with alt text naming the child by the name they use', () => {
    render(ChildPhoto, { child: { name: 'Samuel Example', preferredName: 'Sam' }, url: PHOTO });
    expect(screen.getByRole('img', { name: 'Photo of Sam' })).toHaveAttribute('src', PHOTO);
  });

  it('shows the first and last initials of the full name when there is no photo, hidden from screen readers', () => {
    const { container } = render(ChildPhoto, { child: { name: ' Robin  Anne Example ', preferredName: null }, url: null });
    expect(screen.queryByRole('img')).toBeNull();
    const initials = container.querySelector('.initials');
    expect(initials).toHaveTextContent('RE');
    expect(initials).toHaveAttribute('aria-hidden', 'true');
  });
});

import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as record from '../../lib/api/record';
import type { Child } from '../../lib/bindings/Child';
import { CarefileError } from '../../lib/errors';
import ChildForm from './ChildForm.svelte';

vi.mock('../../lib/api/record', () => ({ addChild: vi.fn(), updateChild: vi.fn() }));

const SAM: Child = {
  id: 'ch-1',
  name: 'Sam Example',
  preferredName: null,
  dob: '2015-12-25',
  localAuthority: null,
  setting: null,
  aboutMe: { likes: '', matters: '', support: '' },
  yearGroup: { number: 5, label: 'Year 5' },
  created: '2025-01-01T00:00:00Z',
};

beforeEach(() => {
  vi.mocked(record.addChild).mockResolvedValue(SAM);
});

describe('ChildForm', () => {
  it('asks for a name and a date of birth before calling Rust, saying which', async () => {
    const user = userEvent.setup();
    render(ChildForm, { props: { onsaved: vi.fn() } });
    await user.click(screen.getByRole('button', { name: 'Add child' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("Give the child's name");
    expect(screen.getByLabelText('Full name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Full name')).toHaveFocus();

    await user.type(screen.getByLabelText('Full name'), 'Sam Example');
    await user.click(screen.getByRole('button', { name: 'Add child' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Give the date of birth');
    expect(record.addChild).not.toHaveBeenCalled();
  });

  it('shows the school year as the date of birth is given, and sends blanks as null', async () => {
    const onsaved = vi.fn();
    const user = userEvent.setup();
    render(ChildForm, { props: { onsaved } });
    await user.type(screen.getByLabelText('Full name'), '  Sam Example ');
    await fireEvent.input(screen.getByLabelText('Date of birth'), { target: { value: '2015-12-25' } });
    expect(document.getElementById('child-year-group')).toHaveTextContent(/School year: (Year \d+|Past Year 13)/);
    await user.click(screen.getByRole('button', { name: 'Add child' }));
    await waitFor(() => expect(onsaved).toHaveBeenCalledWith(SAM));
    expect(record.addChild).toHaveBeenCalledWith({
      name: 'Sam Example',
      preferredName: null,
      dob: '2015-12-25',
      localAuthority: null,
      setting: null,
      aboutMe: { likes: '', matters: '', support: '' },
    });
  });

  it('shows the core’s words when it refuses, marking the date of birth', async () => {
    vi.mocked(record.addChild).mockRejectedValue(
      new CarefileError('invalid_input', 'The date of birth (1 Jan 2099) is in the future. Check the date and try again.'),
    );
    const user = userEvent.setup();
    render(ChildForm, { props: { onsaved: vi.fn() } });
    await user.type(screen.getByLabelText('Full name'), 'Sam');
    await fireEvent.input(screen.getByLabelText('Date of birth'), { target: { value: '2099-01-01' } });
    await user.click(screen.getByRole('button', { name: 'Add child' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('is in the future');
    expect(screen.getByLabelText('Date of birth')).toHaveAttribute('aria-invalid', 'true');
  });

  it('edits an existing child with updateChild', async () => {
    vi.mocked(record.updateChild).mockResolvedValue({ ...SAM, preferredName: 'Sam' });
    const onsaved = vi.fn();
    const user = userEvent.setup();
    render(ChildForm, { props: { child: SAM, onsaved } });
    await user.type(screen.getByLabelText(/Preferred name/), 'Sam');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(record.updateChild).toHaveBeenCalledWith('ch-1', expect.objectContaining({ preferredName: 'Sam' })));
  });
});

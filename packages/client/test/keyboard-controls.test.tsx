// @vitest-environment happy-dom
import type { Interval } from '@portal/contract';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Dialog } from '../src/components/dialog';
import { IntervalToggle } from '../src/components/plan-picker';
import { PortalIntl } from '../src/i18n/portal-intl';

/*
 * Keyboard behaviour the portal's controls implement themselves (WAI-ARIA radio group and modal
 * dialog patterns), checked without a browser's built-in handling of native elements: a key press
 * here is only a DOM event, so nothing moves unless the component handles it.
 */
afterEach(cleanup);

const inPortal = (ui: React.ReactNode) =>
  render(
    <div className="bp-root">
      <PortalIntl locale="en">{ui}</PortalIntl>
    </div>,
  );

const isChecked = (el: HTMLElement) =>
  el.getAttribute('aria-checked') === 'true' || (el as HTMLInputElement).checked === true;

function Toggle() {
  const [interval, setInterval] = useState<Interval>('month');
  return <IntervalToggle value={interval} onChange={setInterval} saving={0} />;
}

describe('the billing interval radio group', () => {
  it('moves the selection with the arrow keys, and focus with it', async () => {
    inPortal(<Toggle />);
    const monthly = await screen.findByRole('radio', { name: 'Monthly' });
    const yearly = screen.getByRole('radio', { name: /Yearly/ });
    monthly.focus();
    fireEvent.keyDown(monthly, { key: 'ArrowRight' });
    await waitFor(() => expect(isChecked(yearly)).toBe(true));
    expect(document.activeElement).toBe(yearly);
    expect(isChecked(monthly)).toBe(false);

    fireEvent.keyDown(yearly, { key: 'ArrowUp' });
    await waitFor(() => expect(isChecked(monthly)).toBe(true));
    expect(document.activeElement).toBe(monthly);
  });
});

function OpensADialog() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Pause
      </button>
      {open && (
        <Dialog title="Pause payments" onClose={() => setOpen(false)}>
          <button type="button">Inside</button>
        </Dialog>
      )}
    </>
  );
}

describe('the modal dialog', () => {
  it('takes focus when it opens; Escape closes it and gives focus back to the button that opened it', async () => {
    inPortal(<OpensADialog />);
    const opener = await screen.findByRole('button', { name: 'Pause' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = await screen.findByRole('dialog', { name: 'Pause payments' });
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    // Rendered inside the portal's root, where its scoped styles and theme variables apply.
    expect(dialog.closest('.bp-root')).not.toBeNull();

    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  it('closes from its labelled close button, also returning focus', async () => {
    inPortal(<OpensADialog />);
    const opener = await screen.findByRole('button', { name: 'Pause' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = await screen.findByRole('dialog', { name: 'Pause payments' });
    fireEvent.click(dialog.querySelector('[aria-label="Close"]')!);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });
});

describe('the dialog that hosts Stripe Elements (not modal)', () => {
  it("leaves what Stripe.js draws in the page's body clickable, and stays open when it is used", async () => {
    inPortal(
      <Dialog title="Add a card" onClose={() => {}} modal={false}>
        <button type="button">Save card</button>
      </Dialog>,
    );
    await screen.findByRole('dialog', { name: 'Add a card' });
    // Stand-in for Stripe's 3-D Secure challenge, which Stripe.js appends to document.body.
    const challenge = document.body.appendChild(document.createElement('button'));
    challenge.textContent = 'Complete authentication';
    try {
      expect(document.body.style.pointerEvents).not.toBe('none');
      challenge.focus();
      fireEvent.pointerDown(challenge);
      fireEvent.keyDown(challenge, { key: 'Escape' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(screen.getByRole('dialog', { name: 'Add a card' })).toBeTruthy();
      expect(document.activeElement).toBe(challenge);
    } finally {
      challenge.remove();
    }
  });
});

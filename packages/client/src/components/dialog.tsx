import * as RadixDialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import { useRef, useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';

/**
 * A modal dialog on Radix's Dialog: focus moves in and is trapped, Escape and the close button call
 * `onClose`, the rest of the page is hidden from assistive technology, and focus returns to
 * whatever opened it. Callers mount it to open it and unmount it to close it.
 *
 * `modal={false}` is for a dialog that hosts Stripe Elements: Stripe.js draws its 3-D Secure
 * challenge outside the dialog, in `document.body`, and a modal dialog would make that challenge
 * unclickable (pointer events off outside the dialog) and pull focus back from it. The page behind
 * is still dimmed, but focus is no longer trapped in the dialog.
 *
 * It is portalled into the nearest `.bp-root` rather than `document.body`, so that the portal's
 * scoped styles and theme variables (which live under `.bp-root`) still apply to it.
 */
export function Dialog({
  title,
  onClose,
  children,
  modal = true,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  modal?: boolean;
}) {
  const intl = useIntl();
  const [root, setRoot] = useState<HTMLElement | null>(null);
  const content = useRef<HTMLDivElement>(null);
  // Radix returns focus to a Dialog.Trigger; these dialogs are opened by the caller's own buttons.
  const [opener] = useState(() =>
    typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null),
  );
  return (
    <>
      {/* Finds the portal's root once mounted; the dialog opens on the next render, inside it. */}
      <span
        hidden
        ref={(anchor) => setRoot(anchor?.closest<HTMLElement>('.bp-root') ?? anchor?.ownerDocument.body ?? null)}
      />
      {root && (
        <RadixDialog.Root open modal={modal} onOpenChange={(open) => !open && onClose()}>
          <RadixDialog.Portal container={root}>
            {modal ? <RadixDialog.Overlay className="bp-dialog-overlay" /> : <div className="bp-dialog-overlay" />}
            <RadixDialog.Content
              className="bp-dialog"
              aria-describedby={undefined}
              ref={content}
              // Non-modal: what happens outside (Stripe's 3-D Secure challenge) neither closes the
              // dialog nor is blocked by it, and Escape closes it only when pressed inside it.
              onInteractOutside={modal ? undefined : (event) => event.preventDefault()}
              onEscapeKeyDown={(event) => {
                if (!modal && !(event.target instanceof Node && content.current?.contains(event.target)))
                  event.preventDefault();
              }}
              onCloseAutoFocus={(event) => {
                event.preventDefault();
                opener?.focus?.();
              }}
            >
              <header className="bp-card-head">
                <RadixDialog.Title asChild>
                  <h2>{title}</h2>
                </RadixDialog.Title>
                <RadixDialog.Close
                  className="bp-button bp-button-icon"
                  aria-label={intl.formatMessage({ id: 'common.close' })}
                >
                  <X aria-hidden="true" size="1em" />
                </RadixDialog.Close>
              </header>
              {children}
            </RadixDialog.Content>
          </RadixDialog.Portal>
        </RadixDialog.Root>
      )}
    </>
  );
}

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useIntl } from 'react-intl';

/**
 * A modal dialog on the native <dialog> element: the browser traps focus and Escape closes it;
 * focus returns to whatever opened it.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const intl = useIntl();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      opener?.focus?.();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="bp-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="bp-card-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="bp-button bp-button-icon" onClick={onClose} aria-label={intl.formatMessage({ id: 'common.close' })}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { useRouter } from '../routing/router';

/**
 * A one-line confirmation ("Your plan was changed") for the moment after an action. It belongs to
 * the screen it is first shown on (often the one the action navigates to), so it goes when the
 * customer moves to another screen, and it goes as soon as another action starts: a confirmation
 * must never stand above what happened next ("Your card was added" above a decline, "Your plan
 * will end" after "Keep my plan").
 */
const FlashContext = createContext<(message: string) => void>(() => {});

interface Flash {
  message: string;
  /** The portal path it is shown on; null until the render after it was raised. */
  path: string | null;
}

export function FlashProvider({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const { path } = useRouter();
  const queryClient = useQueryClient();
  const [flash, setFlash] = useState<Flash | null>(null);
  const show = useCallback((message: string) => setFlash({ message, path: null }), []);

  // Raised and navigated in one handler: both land in the same render, so the path seen here is
  // the screen the confirmation was meant for. Any later move clears it.
  useEffect(() => {
    if (!flash) return;
    if (flash.path === null) setFlash({ ...flash, path });
    else if (flash.path !== path) setFlash(null);
  }, [flash, path]);

  // A new action supersedes the last confirmation (its own result will speak for itself).
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type === 'added') setFlash(null);
      }),
    [queryClient],
  );

  const message = flash?.message ?? null;
  return (
    <FlashContext.Provider value={show}>
      <div role="status" aria-live="polite" className={message ? 'bp-flash' : 'bp-visually-hidden'}>
        {message}
        {message && (
          <button
            type="button"
            className="bp-button bp-button-icon"
            aria-label={intl.formatMessage({ id: 'common.close' })}
            onClick={() => setFlash(null)}
          >
            <CloseIcon />
          </button>
        )}
      </div>
      {children}
    </FlashContext.Provider>
  );
}

export const useFlash = () => useContext(FlashContext);

/**
 * Lucide's `x` icon, drawn inline: the flash is on the entry bundle, and lucide-react's icon
 * runtime (about 1 KB gzipped) would push the SPA's first load over its budget. Elsewhere the
 * portal imports its icons from lucide-react.
 */
function CloseIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="M18 6 6 18" />
      <path d="m6 6 12 12" />
    </svg>
  );
}

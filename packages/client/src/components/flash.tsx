import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

/** A one-line confirmation that survives navigation back to the overview ("Your plan was changed"). */
const FlashContext = createContext<(message: string) => void>(() => {});

export function FlashProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<string | null>(null);
  const show = useCallback((m: string) => setMessage(m), []);
  return (
    <FlashContext.Provider value={show}>
      <div role="status" aria-live="polite" className={message ? 'bp-flash' : 'bp-visually-hidden'}>
        {message}
        {message && (
          <button type="button" className="bp-button bp-button-icon" aria-label="Dismiss" onClick={() => setMessage(null)}>
            ×
          </button>
        )}
      </div>
      {children}
    </FlashContext.Provider>
  );
}

export const useFlash = () => useContext(FlashContext);

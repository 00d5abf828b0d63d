import { useCallback, useEffect, useState } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const STORAGE_KEY = 'billing-portal:theme';

function stored(): ThemeChoice {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return THEME_CHOICES.includes(value as ThemeChoice) ? (value as ThemeChoice) : 'system';
  } catch {
    return 'system';
  }
}

/**
 * The customer's light/dark choice, remembered in this browser; `system` follows the operating
 * system. Set on <html> so the frame, the portal and the browser's own controls agree.
 */
export function useTheme() {
  const [theme, setTheme] = useState<ThemeChoice>(stored);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const choose = useCallback((next: ThemeChoice) => {
    setTheme(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing: the choice lasts for this page only.
    }
  }, []);
  return { theme, choose };
}

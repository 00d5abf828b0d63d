import type { Plugin } from 'vite';

/** Adds `<link rel="preload" as="font">` to index.html for the built file of each named font source. */
export function preloadFonts(sources: string[]): Plugin;

import type { Plugin } from 'vite';

/** Adds `<link rel="modulepreload">` for the English catalog's chunk to the built index.html. */
export function preloadEnglish(): Plugin;

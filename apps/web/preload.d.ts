import type { Plugin } from 'vite';

/** Adds `<link rel="preload" as="font">` and `<link rel="modulepreload">` for the named built files to index.html. */
export function preloadInHtml(files: { fonts?: string[]; modules?: string[] }): Plugin;

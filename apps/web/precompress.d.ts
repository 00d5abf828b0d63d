import type { Plugin } from 'vite';

/** Writes `.br` and `.gz` beside each text file of the build, for precompressed static serving. */
export function precompress(): Plugin;

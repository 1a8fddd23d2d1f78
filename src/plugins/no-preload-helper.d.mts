import type { Plugin } from 'vite';

export function withoutPreloadHelper(code: string): { code: string; helper: string } | undefined;
export function noPreloadHelper(): Plugin;

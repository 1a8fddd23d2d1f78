/**
 * The one calculation engine. Every number on every page comes from here.
 * Pure TypeScript: no DOM, no D3, no Astro.
 */
export * from './types';
export * from './format';
export * from './inputs';
export * from './derivation';
export * from './derivation-tex';
export * from './training';
export * from './quantities';
export * from './compare';
export * from './throughput';
export * from './datasets';
export * from './setup-code';
export * from './exercises';
export * from './epoch-walk';

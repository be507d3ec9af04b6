/** Reading what a token endpoint sent back: status, JSON, the token, its text and its expiry. */
export * from './expiry';
export type { IssuedToken } from './issued-token';
export * from './json';
export * from './status';
export * from './text';
export * from './token';

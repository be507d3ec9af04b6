/** Reading what a token endpoint sent back: status, JSON, the token, its text and its expiry. */
export * from './expiry';
export * from './json';
export * from './status';
export * from './text';
export * from './token';

/** Putting a token on an API request. */
export * from './headers';
export * from './placement';

/** The request as it goes on the wire: what a per-request signature covers, and sending exactly that. */
export * from './body';
export * from './query-string';
export * from './wire';
export * from './wire-request';

/**
 * When to renew (the engine, n8n's adapter, and the hooks), how to renew (the renewal), and
 * where tokens live (the store, the token state, the hidden stored fields, the fingerprint).
 */
export { TokenEngine, type EngineOptions, type ProcessTokens } from './engine';
export { fingerprintOf } from './fingerprint';
export { CREDENTIAL_TEST_HEADER, tokenHooks } from './hooks';
export * from './renewal';
export * from './renewal-timing';
export * from './state';
export * from './store';
export * from './stored-fields';
export { tokenSourceOf, type SchemeTokenSource } from './token-source';

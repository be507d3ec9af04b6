/** When to renew, where tokens live, and the hooks n8n calls. */
export { CREDENTIAL_TEST_HEADER, TokenEngine, type EngineOptions } from './engine';
export { fingerprintOf } from './fingerprint';
export { tokenHooks } from './hooks';
export * from './state';
export * from './store';
export { storedTokenFields } from './stored-fields';

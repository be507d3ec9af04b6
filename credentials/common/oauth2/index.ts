/**
 * What the OAuth2 types share: the client authentication fields and how they are read and sent,
 * the Key File laid over the signing fields, which token of the answer to use (Token to Use),
 * the settings every OAuth2 type reads, the form-encoded token request and the token response.
 */
export * from './client-auth';
export * from './client-auth-fields';
export * from './key-file';
export * from './settings';
export * from './token-form-request';
export * from './token-to-use';
export { readIdTokenResponse, readOAuthTokenResponse } from './token-response';

/**
 * What the OAuth2 types share: the client authentication fields and how they are read and sent,
 * the settings every OAuth2 type reads, the form-encoded token request and the token response.
 */
export * from './client-auth';
export * from './client-auth-fields';
export * from './settings';
export * from './token-form-request';
export { readOAuthTokenResponse } from './token-response';

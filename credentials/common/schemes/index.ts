/** What differs per credential type: its fields, how it logs in, where its token comes back. */
export { basicAuthorization } from './basic-auth';
export * from './basic-to-bearer';
export * from './client-auth';
export * from './client-auth-fields';
export * from './client-credentials';
export * from './jwt-bearer';
export { readBearerToken } from './bearer-token';
export { ignoreSslIssuesField, testUrlField, testUrlRequest, useRawTokenField } from './fields';
export * from './login-body';
export * from './password-grant';
export type { SchemeSettings, TokenScheme } from './scheme';
export * from './settings-input';
export * from './token-login';

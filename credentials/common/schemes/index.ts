/** One scheme per exchanging credential type: how it reads its fields, logs in, and reads the response. */
export * from './basic-to-bearer';
export * from './client-credentials';
export * from './jwt-bearer';
export * from './password-grant';
export type { SchemeSettings, TokenScheme } from './scheme';
export * from './token-login';
export * from './token-login-body';
export * from './aws-assume-role';

/**
 * Reading what a user typed: the readers every field uses (text, secret, URL, JSON, choice), and
 * the fields shared by several types, each declared in the file that reads it.
 */
export { bearerTokenField, readBearerToken } from './bearer-token';
export { ignoreSslIssuesField, readIgnoreSslIssues, sslRequestOptions } from './ignore-ssl-issues';
export * from './input';
export { SettingsCache } from './settings-cache';
export { authorizationPlacement, useRawTokenField } from './use-raw-token';
export { testUrlField, testUrlRequest } from './test-url';

/** One bounded token call: the request, the redirects it may follow, the bounded read, its failures. */
export { basicAuthorization } from './basic-auth';
export * from './bounded-read';
export * from './call';
export * from './endpoint-failure';
export { redactSecrets } from './redact';
export { refusalSentence, refusalText, serverText } from './refusal-text';
export * from './redirect';

/** One bounded token call: the request, the redirects it may follow, the bounded read, its failures. */
export * from './bounded-read';
export * from './call';
export * from './endpoint-failure';
export { redactSecrets } from './redact';
export { refusalSentence, serverText } from './refusal-text';
export * from './redirect';

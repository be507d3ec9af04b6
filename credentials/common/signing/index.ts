/**
 * Per-request signatures: the signer shape (`request-signer.ts`), running a signer against the
 * request n8n hands `authenticate` (`sign-request.ts`), and what signers share (secrets, String to
 * Sign templates, encodings). Schemes live in `hmac/` and `sigv4/`.
 */
export * from './encodings';
export * from './request-signer';
export * from './secret';
export * from './sign-request';
export * from './string-to-sign';

/** AWS Signature V4 for any host: the canonical request, the signer, reading the form. */
export * from './read-sigv4-signer';
export { sigV4Signer, UNSIGNED_PAYLOAD, type SigV4Settings } from './sigv4-signer';

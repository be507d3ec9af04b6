/** AWS Signature Version 4 for any host: the canonical request, the signer, reading the form. */
export { readSigV4Signer } from './read-sigv4-signer';
export { UNSIGNED_PAYLOAD } from './sigv4-signer';

/** HMAC request signatures: the presets, the String to Sign signer, RFC 9421 message signatures, reading the form. */
export { HMAC_PRESETS } from './presets';
export { readHmacSigner } from './read-hmac-signer';

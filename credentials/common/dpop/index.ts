/**
 * DPoP (RFC 9449) for the OAuth2 types: the Proof of Possession fields, the key (generated and
 * kept with the token, or pasted), proofs on token calls with the nonce retry, the token type
 * check, and the token with a fresh proof on every API request.
 */
export * from './api-request';
export * from './binding';
export * from './key';
export * from './nonces';
export * from './proof';
export * from './proof-of-possession';
export * from './token-call';
export * from './token-type';

/**
 * Signed JWT assertions with node:crypto: reading a pasted private key and its certificate's
 * thumbprints, checking the algorithm fits the key, the claims of a client assertion (RFC 7523
 * section 2.2) and of the JWT Bearer grant (section 2.1), and the compact JWS itself.
 */
export { ASYMMETRIC_ALGORITHMS, checkAlgorithmFitsKey, describeKey } from './algorithm';
export type { AsymmetricAlgorithm, SigningAlgorithm } from './algorithm';
export { readCertificate } from './certificate';
export type { CertificateThumbprints } from './certificate';
export {
	ASSERTION_LIFETIME_SECONDS,
	checkExtraClaims,
	clientAssertionClaims,
	grantAssertionClaims,
	readAssertionLifetime,
} from './claims';
export type { GrantAssertionInput } from './claims';
export { signJwt } from './jwt';
export type { AssertionKey } from './jwt';
export { certificatePems, privateKeyPem } from './pem-text';
export { readPrivateKey } from './private-key';
export { privateSigningKey, secretSigningKey } from './signing-key';
export type { PrivateKeyInput } from './signing-key';

/**
 * Signed JWT assertions with node:crypto: reading a pasted private key and its certificate's
 * thumbprints, reading the key files providers hand out, checking the algorithm fits the key, the claims of a client assertion (RFC 7523
 * section 2.2) and of the JWT Bearer grant (section 2.1), and the compact JWS itself (RS*, PS256,
 * ES*, EdDSA, HS*; the self-signed JWTs use all of them).
 */
export {
	ASYMMETRIC_ALGORITHMS,
	checkAlgorithmFitsKey,
	checkHmacSecretLength,
	describeKey,
	HMAC_ALGORITHMS,
	isHmacAlgorithm,
	JWS_ALGORITHMS,
} from './algorithm';
export type { AsymmetricAlgorithm, HmacAlgorithm, KeyAlgorithm, SigningAlgorithm } from './algorithm';
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
export { jwsSignature, signJwt } from './jwt';
export { KEY_FILE_KIND_NAMES, readKeyFile } from './key-file';
export type { KeyFileFields, KeyFileKind } from './key-file';
export type { AssertionKey } from './jwt';
export { certificatePems, privateKeyPem } from './pem-text';
export { ParsedCache } from './parsed-cache';
export { readPrivateKey } from './private-key';
export { readRawEd25519Key } from './raw-ed25519';
export { privateSigningKey, secretSigningKey } from './signing-key';
export type { PrivateKeyInput } from './signing-key';

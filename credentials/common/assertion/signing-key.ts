import { ASYMMETRIC_ALGORITHMS, checkAlgorithmFitsKey, type AsymmetricAlgorithm } from './algorithm';
import { readCertificate } from './certificate';
import type { AssertionKey } from './jwt';
import { readPrivateKey } from './private-key';
import { TokenAuthError } from '../errors';

export interface PrivateKeyInput {
	/** The Private Key field as typed. */
	privateKey: string;
	/** The Signing Algorithm field; empty means RS256. */
	algorithm: unknown;
	keyId: string;
	/** The Certificate field as typed; empty or absent: no thumbprint headers. */
	certificate?: string;
}

/**
 * The private key and algorithm an assertion is signed with, checked to fit each other, and
 * the thumbprints of the key's certificate when one is given.
 */
export function privateSigningKey(input: PrivateKeyInput): AssertionKey {
	const algorithm = readAlgorithm(input.algorithm);
	const privateKey = readPrivateKey('Private Key', input.privateKey);
	checkAlgorithmFitsKey('the Private Key', algorithm, privateKey);
	const keyId = input.keyId === '' ? undefined : input.keyId;
	const certificate = input.certificate?.trim() ?? '';
	if (certificate === '') return { algorithm, privateKey, keyId };
	return { algorithm, privateKey, keyId, thumbprints: readCertificate('Certificate', certificate, privateKey) };
}

/** HS256 with the client secret (Client Secret JWT, RFC 7523 section 2.2 with a MAC). */
export function secretSigningKey(secret: string): AssertionKey {
	if (secret === '') throw new TokenAuthError('SETTINGS_INVALID', 'Client Secret is empty: Client Secret JWT signs its assertion (HS256) with it');
	return { algorithm: 'HS256', secret };
}

function readAlgorithm(value: unknown): AsymmetricAlgorithm {
	const text = value === undefined || value === null || value === '' ? 'RS256' : String(value);
	if ((ASYMMETRIC_ALGORITHMS as readonly string[]).includes(text)) return text as AsymmetricAlgorithm;
	if (text === 'HS256') {
		throw new TokenAuthError('SETTINGS_INVALID', 'Signing Algorithm HS256 signs with the Client Secret, not a private key: choose Client Secret JWT for it');
	}
	throw new TokenAuthError('SETTINGS_INVALID', `Signing Algorithm must be one of ${ASYMMETRIC_ALGORITHMS.join(', ')}, not ${text}`);
}

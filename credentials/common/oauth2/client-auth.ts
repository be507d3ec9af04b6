import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	clientAssertionClaims,
	privateSigningKey,
	secretSigningKey,
	signJwt,
	type AssertionKey,
} from '../assertion';
import { TokenAuthError } from '../errors';
import { readSecretField, readTextField } from '../fields';
import { basicAuthorization } from '../http';
import { readSigningKeyInput } from './client-auth-fields';

/**
 * How the client proves who it is at the token endpoint. 'header' and 'body' are the values the
 * Password Grant has stored from the start (RFC 6749 section 2.3.1); the two JWT methods send a
 * signed client assertion (RFC 7523 section 2.2); 'none' sends nothing (JWT Bearer's default).
 */
export const CLIENT_AUTH_METHODS = ['none', 'header', 'body', 'privateKeyJwt', 'clientSecretJwt'] as const;
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface ClientAuth {
	method: ClientAuthMethod;
	clientId: string;
	clientSecret: string;
	/** The JWT methods: what signs each client assertion. */
	assertionKey?: AssertionKey;
	/** The JWT methods: the assertion's aud (the Assertion Audience field, else the Access Token URL). */
	assertionAudience: string;
	/** Every setting that decides the token, for the fingerprint (the key and secret included). */
	identity: unknown[];
	/** Values no message may show. */
	secrets: string[];
}

export interface ClientAuthRules {
	/** What an empty Client Authentication means for this type. */
	defaultMethod: ClientAuthMethod;
	allowed: readonly ClientAuthMethod[];
	/** The Password Grant's clients may be public: no secret, client_id in the body. */
	secretOptional: boolean;
	/** Where the assertion goes by default. */
	accessTokenUrl: string;
}

/**
 * Reads and checks the client authentication fields (declared in client-auth-fields.ts); a JWT
 * method's key is checked here, before any request.
 */
export function readClientAuth(credentials: ICredentialDataDecryptedObject, rules: ClientAuthRules): ClientAuth {
	const method = readMethod(credentials.clientAuthentication, rules);
	const clientId = readTextField('Client Id', credentials.clientId, method !== 'none' && !rules.secretOptional);
	const clientSecret = readSecretField('Client Secret', credentials.clientSecret, false);
	const signingKey = readSigningKeyInput(credentials);
	const { privateKey, keyId, algorithm, certificate } = signingKey;
	const audienceText = readTextField('Assertion Audience', credentials.assertionAudience, false);
	const assertionAudience = audienceText === '' ? rules.accessTokenUrl : audienceText;
	const signed = method === 'privateKeyJwt' || method === 'clientSecretJwt';
	if (signed && clientId === '') throw new TokenAuthError('SETTINGS_INVALID', 'Client Id is empty: a client assertion names the client as its issuer');
	if ((method === 'header' || method === 'body') && clientSecret === '' && !rules.secretOptional) {
		throw new TokenAuthError('SETTINGS_INVALID', 'Client Secret is empty');
	}
	const assertionKey =
		method === 'privateKeyJwt'
			? privateSigningKey(signingKey)
			: method === 'clientSecretJwt'
				? secretSigningKey(clientSecret)
				: undefined;
	return {
		method,
		clientId,
		clientSecret,
		assertionKey,
		assertionAudience,
		identity: [
			method,
			clientId,
			clientSecret,
			...(signed ? [privateKey, keyId, algorithm, assertionAudience] : []),
			// Only when set: tokens stored before the field existed keep their fingerprint.
			...(method === 'privateKeyJwt' && certificate !== '' ? [{ certificate }] : []),
		],
		secrets: [clientSecret, privateKey],
	};
}

/**
 * Puts the client's authentication on one token request. A JWT method signs a new assertion
 * each time (new jti, iat, exp): servers refuse an assertion they have seen.
 */
export function authenticateClient(
	auth: ClientAuth,
	form: URLSearchParams,
	headers: Record<string, string>,
	clock: () => number = Date.now,
): void {
	switch (auth.method) {
		case 'none':
			return;
		case 'privateKeyJwt':
		case 'clientSecretJwt':
			form.set('client_id', auth.clientId);
			form.set('client_assertion_type', CLIENT_ASSERTION_TYPE);
			form.set('client_assertion', signJwt(clientAssertionClaims(auth.clientId, auth.assertionAudience, clock), auth.assertionKey as AssertionKey));
			return;
		case 'header':
			if (auth.clientId !== '' && auth.clientSecret !== '') {
				// RFC 6749 section 2.3.1: id and secret are encoded before joining. encodeURIComponent
				// leaves no "+", so servers decoding either way read the same secret.
				headers.Authorization = basicAuthorization(encodeURIComponent(auth.clientId), encodeURIComponent(auth.clientSecret));
				return;
			}
			// A public client (no secret) names itself in the body.
			return clientInBody(auth, form);
		case 'body':
			return clientInBody(auth, form);
	}
}

function clientInBody(auth: ClientAuth, form: URLSearchParams): void {
	if (auth.clientId === '') return;
	form.set('client_id', auth.clientId);
	if (auth.clientSecret !== '') form.set('client_secret', auth.clientSecret);
}

function readMethod(value: unknown, rules: ClientAuthRules): ClientAuthMethod {
	const text = value === undefined || value === null || value === '' ? rules.defaultMethod : String(value);
	if ((rules.allowed as readonly string[]).includes(text)) return text as ClientAuthMethod;
	throw new TokenAuthError('SETTINGS_INVALID', `Client Authentication must be one of ${rules.allowed.join(', ')}, not ${text}`);
}

import { randomBytes } from 'crypto';

import type { SigningAlgorithm } from '../assertion';

/**
 * What each provider documents for a JWT the client signs itself. Each rule names its source;
 * test/unit/self-signed/presets.test.ts checks the JWTs against these pages.
 */
export type PresetId = 'custom' | 'appStoreConnect' | 'coinbase' | 'ghostAdmin' | 'googleServiceAccount' | 'atlassianConnect';
export const PRESET_IDS: readonly PresetId[] = ['custom', 'appStoreConnect', 'coinbase', 'ghostAdmin', 'googleServiceAccount', 'atlassianConnect'];

/** The claims that tie a JWT to one request (Bind To Request). */
export type Binding = 'none' | 'uri' | 'uris' | 'qsh';

/** What one JWT is made of, before the time claims. */
export interface ClaimInput {
	issuer: string;
	subject: string;
	audience: string;
	/** The Key ID after the key file and preset (Coinbase's sub is the key name). */
	keyId: string;
	binding: Binding;
	/** The path of the product's base URL (Atlassian's installation `baseUrl`, `/wiki` on Confluence), '' when none: the `qsh` path is relative to it. */
	basePath: string;
}

export interface Preset {
	/** The provider's name in messages. */
	label: string;
	/** The algorithms the provider accepts; the key decides among them (Coinbase: ES256 or EdDSA). */
	algorithms: readonly SigningAlgorithm[];
	/** Lifetime when the field is 0, and the most the provider accepts. */
	lifetime: { default: number; max: number };
	/** Bind To Request when the field says "As the Preset Needs"; `required`: none is refused. */
	binding: { default: Binding; required: boolean };
	/** Whether one JWT may serve many requests (JWT Reuse). */
	reusable: boolean;
	/** The Authorization prefix when Token Prefix is empty. */
	prefix: string;
	/** Fields the preset cannot do without (after the key file), by label. */
	requires(input: ClaimInput): string[];
	/** The registered claims (time claims excluded) the provider documents. */
	claims(input: ClaimInput): Record<string, unknown>;
	/** Which time claims the provider documents: iat, nbf, exp; jti for a replay check. */
	timeClaims: { iat: boolean; nbf: boolean; jti: boolean };
	/** Header fields made fresh for each JWT (Coinbase's nonce). */
	freshHeader?: () => Record<string, string>;
}

const present = (value: string) => (value === '' ? {} : undefined);
const onlySet = (claims: Record<string, unknown>) => Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== '' && value !== undefined));

export const PRESETS: Record<PresetId, Preset> = {
	/** No provider: the fields say everything; a jti on every JWT so servers can refuse replays. */
	custom: {
		label: 'the custom settings',
		algorithms: ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'],
		lifetime: { default: 300, max: 86400 },
		binding: { default: 'none', required: false },
		reusable: true,
		prefix: 'Bearer ',
		requires: () => [],
		claims: ({ issuer, subject, audience }) => onlySet({ iss: issuer, sub: subject, aud: audience }),
		timeClaims: { iat: true, nbf: false, jti: true },
	},

	/**
	 * https://developer.apple.com/documentation/appstoreconnectapi/generating-tokens-for-api-requests
	 * ES256 with the .p8 key; header kid; payload iss (team keys) or sub "user" (individual keys),
	 * iat, exp at most 20 minutes ahead, aud "appstoreconnect-v1"; a token may serve many requests.
	 */
	appStoreConnect: {
		label: 'App Store Connect',
		algorithms: ['ES256'],
		lifetime: { default: 1200, max: 1200 },
		binding: { default: 'none', required: false },
		reusable: true,
		prefix: 'Bearer ',
		requires: ({ issuer, subject, keyId }) => [
			...(present(keyId) ? ['Key ID (the 10 characters of AuthKey_<Key ID>.p8)'] : []),
			...(present(issuer) && subject !== 'user' ? ['Issuer (the Issuer ID of a team key; for an individual key set Subject to "user")'] : []),
		],
		claims: ({ issuer, subject }) => ({ ...(subject === 'user' && issuer === '' ? { sub: 'user' } : { iss: issuer }), aud: 'appstoreconnect-v1' }),
		timeClaims: { iat: true, nbf: false, jti: false },
	},

	/**
	 * https://docs.cdp.coinbase.com/get-started/authentication/jwt-authentication
	 * A JWT per request, valid 2 minutes: sub = the key name, iss "cdp", nbf, exp, uri
	 * "METHOD host/path"; header kid = the key name and a random nonce. ECDSA keys sign ES256;
	 * Ed25519 keys (the portal's default today) EdDSA. The CDP SDK's form names the request in
	 * uris (a list) with aud ["cdp_service"].
	 */
	coinbase: {
		label: 'Coinbase Developer Platform',
		algorithms: ['ES256', 'EdDSA'],
		lifetime: { default: 120, max: 120 },
		binding: { default: 'uri', required: true },
		reusable: false,
		prefix: 'Bearer ',
		requires: ({ keyId }) => (present(keyId) ? ['Key ID (the API key name or id)'] : []),
		claims: ({ keyId, audience, binding }) => ({
			sub: keyId,
			iss: 'cdp',
			...(audience !== '' ? { aud: audience } : binding === 'uris' ? { aud: ['cdp_service'] } : {}),
		}),
		timeClaims: { iat: false, nbf: true, jti: false },
		freshHeader: () => ({ nonce: randomBytes(16).toString('hex') }),
	},

	/**
	 * https://docs.ghost.org/admin-api/#token-authentication
	 * The Admin API key "id:secret": HS256 with the hex-decoded secret, header kid = id, payload
	 * iat, exp (at most 5 minutes), aud "/admin/"; sent as "Authorization: Ghost <token>".
	 */
	ghostAdmin: {
		label: 'Ghost Admin API',
		algorithms: ['HS256'],
		lifetime: { default: 300, max: 300 },
		binding: { default: 'none', required: false },
		reusable: true,
		prefix: 'Ghost ',
		requires: ({ keyId }) => (present(keyId) ? ['Key File (the Admin API key, id:secret)'] : []),
		claims: ({ audience }) => ({ aud: audience || '/admin/' }),
		timeClaims: { iat: true, nbf: false, jti: false },
	},

	/**
	 * https://developers.google.com/identity/protocols/oauth2/service-account#jwt-auth
	 * (and AIP-4111): RS256 with the service account's key, header kid = private_key_id, iss = sub
	 * = client_email, aud = the API's URL (https://SERVICE.googleapis.com/), exp at most an hour.
	 */
	googleServiceAccount: {
		label: 'Google self-signed JWT',
		algorithms: ['RS256'],
		lifetime: { default: 3600, max: 3600 },
		binding: { default: 'none', required: false },
		reusable: true,
		prefix: 'Bearer ',
		requires: ({ issuer, audience }) => [
			...(present(issuer) ? ['Issuer (the client_email of the service account)'] : []),
			...(present(audience) ? ['Audience (the API, e.g. https://pubsub.googleapis.com/)'] : []),
		],
		claims: ({ issuer, subject, audience }) => ({ iss: issuer, sub: subject || issuer, aud: audience }),
		timeClaims: { iat: true, nbf: false, jti: false },
	},

	/**
	 * https://developer.atlassian.com/cloud/jira/platform/understanding-jwt-for-connect-apps/
	 * An app calling the product: HS256 with the installation's sharedSecret, iss = the app key,
	 * iat, exp (3 minutes is what Atlassian's examples use), qsh = the request's query string hash
	 * (query-string-hash.ts), so one JWT per request; sent as "Authorization: JWT <token>".
	 */
	atlassianConnect: {
		label: 'Atlassian Connect',
		algorithms: ['HS256'],
		lifetime: { default: 180, max: 3600 },
		binding: { default: 'qsh', required: true },
		reusable: false,
		prefix: 'JWT ',
		requires: ({ issuer }) => (present(issuer) ? ['Issuer (the app key; or paste the installation payload as Key File)'] : []),
		claims: ({ issuer, subject, audience }) => onlySet({ iss: issuer, sub: subject, aud: audience }),
		timeClaims: { iat: true, nbf: false, jti: false },
	},
};

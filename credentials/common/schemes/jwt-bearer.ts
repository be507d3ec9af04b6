import {
	checkExtraClaims,
	grantAssertionClaims,
	privateSigningKey,
	readAssertionLifetime,
	signJwt,
	type AssertionKey,
	type GrantAssertionInput,
} from '../assertion';
import { parseJsonObject, readTextField } from '../fields';
import { readOAuth2Settings, readOAuthTokenResponse, readSigningKeyInput, tokenFormRequest, type OAuth2Settings } from '../oauth2';
import type { SchemeSettings, TokenScheme } from './scheme';

export const JWT_BEARER_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface JwtBearerSettings extends SchemeSettings, OAuth2Settings {
	assertion: GrantAssertionInput;
	signingKey: AssertionKey;
}

/** OAuth 2.0 JWT Bearer grant (RFC 7523 section 2.1): a signed assertion is the grant. */
export const jwtBearerScheme: TokenScheme<JwtBearerSettings> = {
	typeName: 'jwtBearerOAuth2Api',

	readSettings(credentials) {
		const oauth2 = readOAuth2Settings(credentials, {
			defaultMethod: 'none',
			allowed: ['none', 'header', 'body', 'privateKeyJwt', 'clientSecretJwt'],
			secretOptional: false,
		});
		const { accessTokenUrl, scope, headers, bodyParameters, client } = oauth2;
		const issuer = readTextField('Issuer', credentials.issuer, true);
		const subject = readTextField('Subject', credentials.subject, false);
		const audience = readTextField('Audience', credentials.audience, false) || accessTokenUrl;
		const extraClaims = checkExtraClaims('Extra Claims', parseJsonObject('Extra Claims', credentials.extraClaims, '{"scope": "read"}'));
		const lifetimeSeconds = readAssertionLifetime('Assertion Lifetime', credentials.assertionLifetime);
		const keyInput = readSigningKeyInput(credentials);
		const { privateKey, keyId, algorithm, certificate } = keyInput;
		const signingKey = privateSigningKey(keyInput);
		const assertion = { issuer, subject: subject || undefined, audience, extraClaims, lifetimeSeconds };
		return {
			...oauth2,
			assertion,
			signingKey,
			identity: [
				accessTokenUrl,
				scope,
				assertion,
				privateKey,
				keyId,
				algorithm,
				// Only when set: tokens stored before the field existed keep their fingerprint.
				...(certificate !== '' ? [{ certificate }] : []),
				headers,
				bodyParameters,
				...client.identity,
			],
			secrets: [privateKey, ...client.secrets],
		};
	},

	tokenUrl: (settings) => settings.accessTokenUrl,

	/** A new assertion for every token request: new jti, iat and exp. */
	loginRequest(settings) {
		const grant = {
			grant_type: JWT_BEARER_GRANT_TYPE,
			assertion: signJwt(grantAssertionClaims(settings.assertion), settings.signingKey),
			...(settings.scope ? { scope: settings.scope } : {}),
		};
		return tokenFormRequest(settings.accessTokenUrl, grant, settings, settings.client);
	},

	readResponse(settings, response) {
		return readOAuthTokenResponse(response, settings.secrets);
	},
};

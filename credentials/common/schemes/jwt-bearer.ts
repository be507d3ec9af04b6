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
import {
	overlayKeyFile,
	readIdTokenResponse,
	readOAuth2Settings,
	readOAuthTokenResponse,
	readSigningKeyInput,
	readTokenToUse,
	tokenFormRequest,
	type OAuth2Settings,
	type TokenToUse,
} from '../oauth2';
import type { SchemeSettings, TokenScheme } from './scheme';

export const JWT_BEARER_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface JwtBearerSettings extends SchemeSettings, OAuth2Settings {
	assertion: GrantAssertionInput;
	signingKey: AssertionKey;
	tokenToUse: TokenToUse;
}

/**
 * OAuth 2.0 JWT Bearer grant (RFC 7523 section 2.1): a signed assertion is the grant. With Token
 * to Use "ID Token" (oauth2/token-to-use.ts) the assertion carries `target_audience` and the
 * answer's `id_token` is the token, as Google issues one for Cloud Run, Cloud Functions and IAP.
 */
export const jwtBearerScheme: TokenScheme<JwtBearerSettings> = {
	typeName: 'jwtBearerOAuth2Api',

	readSettings(typed) {
		const keyFile = overlayKeyFile(typed, 'issuer');
		const credentials = keyFile.credentials;
		const oauth2 = readOAuth2Settings(credentials, {
			defaultMethod: 'none',
			allowed: ['none', 'header', 'body', 'privateKeyJwt', 'clientSecretJwt'],
			secretOptional: false,
		});
		const { accessTokenUrl, scope, headers, bodyParameters, client } = oauth2;
		const issuer = readTextField('Issuer', credentials.issuer, true);
		const subject = readTextField('Subject', credentials.subject, false);
		const audience = readTextField('Audience', credentials.audience, false) || accessTokenUrl;
		const { tokenToUse, targetAudience } = readTokenToUse(credentials);
		const typedClaims = parseJsonObject('Extra Claims', credentials.extraClaims, '{"scope": "read"}');
		const checkedClaims = checkExtraClaims('Extra Claims', typedClaims, tokenToUse === 'id_token' ? ['target_audience'] : []);
		const extraClaims = targetAudience === '' ? checkedClaims : { ...checkedClaims, target_audience: targetAudience };
		const lifetimeSeconds = readAssertionLifetime('Assertion Lifetime', credentials.assertionLifetime);
		const keyInput = readSigningKeyInput(credentials);
		const { privateKey, keyId, algorithm, certificate } = keyInput;
		const signingKey = privateSigningKey(keyInput);
		const assertion = { issuer, subject: subject || undefined, audience, extraClaims, lifetimeSeconds };
		return {
			...oauth2,
			assertion,
			signingKey,
			tokenToUse,
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
				// Only when set, as the certificate: tokens stored before the fields existed keep their fingerprint.
				...(tokenToUse === 'id_token' ? [{ tokenToUse }] : []),
				...keyFile.identity,
			],
			secrets: [privateKey, ...client.secrets, ...keyFile.secrets],
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
		if (settings.tokenToUse === 'id_token') return readIdTokenResponse(response, settings.secrets);
		return readOAuthTokenResponse(response, settings.secrets);
	},
};

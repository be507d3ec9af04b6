import {
	checkExtraClaims,
	grantAssertionClaims,
	privateSigningKey,
	readAssertionLifetime,
	signJwt,
	type AssertionKey,
	type GrantAssertionInput,
} from '../assertion';
import { authorizationPlacement } from '../placement';
import { parseJsonObject, parseJsonObjectField, readSecretField, readTextField } from './settings-input';
import type { SchemeSettings, TokenScheme } from './scheme';
import { readAccessTokenUrl, readClientAuth, type ClientAuth } from './client-auth';
import { readOAuthTokenResponse } from './oauth-token-response';
import { tokenFormRequest, type TokenRequestExtras } from './token-form-request';

export const JWT_BEARER_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface JwtBearerSettings extends SchemeSettings, TokenRequestExtras {
	accessTokenUrl: string;
	scope: string;
	assertion: GrantAssertionInput;
	signingKey: AssertionKey;
	client: ClientAuth;
}

/** OAuth 2.0 JWT Bearer grant (RFC 7523 section 2.1): a signed assertion is the grant. */
export const jwtBearerScheme: TokenScheme<JwtBearerSettings> = {
	typeName: 'jwtBearerOAuth2Api',

	readSettings(credentials) {
		const accessTokenUrl = readAccessTokenUrl(credentials);
		const issuer = readTextField('Issuer', credentials.issuer, true);
		const subject = readTextField('Subject', credentials.subject, false);
		const audience = readTextField('Audience', credentials.audience, false) || accessTokenUrl;
		const scope = readTextField('Scope', credentials.scope, false);
		const extraClaims = checkExtraClaims('Extra Claims', parseJsonObject('Extra Claims', credentials.extraClaims, '{"scope": "read"}'));
		const lifetimeSeconds = readAssertionLifetime('Assertion Lifetime', credentials.assertionLifetime);
		const privateKey = readSecretField('Private Key', credentials.privateKey, false);
		const keyId = readTextField('Key ID', credentials.keyId, false);
		const algorithm = readTextField('Signing Algorithm', credentials.signingAlgorithm, false) || 'RS256';
		const certificate = readTextField('Certificate', credentials.certificate, false);
		const signingKey = privateSigningKey({ privateKey, algorithm, keyId, certificate });
		const headers = parseJsonObjectField('Headers', credentials.headers);
		const bodyParameters = parseJsonObjectField('Body Parameters', credentials.bodyParameters);
		const client = readClientAuth(credentials, {
			defaultMethod: 'none',
			allowed: ['none', 'header', 'body', 'privateKeyJwt', 'clientSecretJwt'],
			secretOptional: false,
			accessTokenUrl,
		});
		const assertion = { issuer, subject: subject || undefined, audience, extraClaims, lifetimeSeconds };
		return {
			accessTokenUrl,
			scope,
			assertion,
			signingKey,
			headers,
			bodyParameters,
			client,
			placement: authorizationPlacement(credentials),
			ignoreSslIssues: credentials.allowUnauthorizedCerts === true,
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

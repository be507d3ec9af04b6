// Credential fixtures of the package's types, pointed at a token lab (test/servers/token-lab.ts).
// Only the fields a user fills in: the token engine's hidden fields are never set here.
import type { LoginLab } from '../../servers/login-lab';
import type { TokenLab } from '../../servers/token-lab';
import { basicToBearerFields, passwordGrantFields, tokenLoginFields } from '../../support/credential-fields';
import { CredentialFixture } from './cli';
import { newId } from './workflows';

/** A Basic to Bearer credential with the given fields, the rest as the form leaves them. */
export function basicToBearerFixture(fields: Record<string, unknown>): CredentialFixture {
	const id = newId();
	return {
		id,
		name: `basic-to-bearer ${id}`,
		type: 'basicToBearerApi',
		data: { accessExtractionKey: 'access_token', expiresInExtractionKey: 'expires_in', method: 'POST', headers: '{}', omitBearerPrefix: false, ...fields },
	};
}

/** An OAuth2 Password Grant credential with the given fields, the rest as the form leaves them. */
export function passwordGrantFixture(fields: Record<string, unknown>): CredentialFixture {
	const id = newId();
	return {
		id,
		name: `password-grant ${id}`,
		type: 'passwordGrantOAuth2Api',
		data: {
			grantType: 'password',
			headers: '{}',
			refreshTokenUrl: '',
			scope: '',
			clientAuthentication: 'header',
			omitBearerPrefix: false,
			bodyParameters: '{}',
			...fields,
		},
	};
}

export function basicToBearerCredential(lab: TokenLab, overrides: Record<string, unknown> = {}): CredentialFixture {
	return basicToBearerFixture({ ...basicToBearerFields(lab.settings, lab.basicTokenUrl), ...overrides });
}

export function passwordGrantCredential(lab: TokenLab, overrides: Record<string, unknown> = {}): CredentialFixture {
	return passwordGrantFixture({ ...passwordGrantFields(lab.settings, lab.oauthTokenUrl), ...overrides });
}

export function bearerTokenCredential(token: string, testUrl = ''): CredentialFixture {
	const id = newId();
	return { id, name: `bearer ${id}`, type: 'bearerTokenApi', data: { token, testUrl } };
}

/** A token the lab's API accepts, got straight from its Basic endpoint (for static Bearer tests). */
export async function labIssuedToken(lab: TokenLab): Promise<string> {
	const basic = Buffer.from(`${lab.settings.username}:${lab.settings.password}`).toString('base64');
	const res = await fetch(lab.basicTokenUrl, { method: 'POST', headers: { authorization: `Basic ${basic}` } });
	const body = (await res.json()) as { access_token: string };
	return body.access_token;
}

/** A Token Login API credential pointed at a login lab (test/servers/login-lab.ts). */
export function tokenLoginCredential(lab: LoginLab, overrides: Record<string, unknown> = {}): CredentialFixture {
	const id = newId();
	return {
		id,
		name: `token-login ${id}`,
		type: 'tokenLoginApi',
		data: {
			...tokenLoginFields(lab.settings, lab.loginUrl),
			method: 'POST',
			headers: '{}',
			sendCredentialsAs: 'jsonBody',
			usernameField: 'username',
			passField: 'password',
			extraLoginFields: '{}',
			answerLocation: 'body',
			answerKey: 'token',
			expiryKey: '',
			expiryFormat: 'secondsFromNow',
			placement: 'header',
			headerName: 'Authorization',
			headerPrefix: 'Bearer ',
			queryParameterName: 'access_token',
			cookieName: 'session',
			allowUnauthorizedCerts: false,
			...overrides,
		},
	};
}

// Credential fixtures of the machine-to-machine types, pointed at the OIDC lab
// (test/servers/oidc-lab.ts) and the JWT Bearer lab (test/servers/jwt-bearer-lab.ts).
// Only the fields a user fills in: the token engine's hidden fields are never set here.
import type { JwtBearerLab } from '../../servers/jwt-bearer-lab';
import type { OidcLab } from '../../servers/oidc-lab';
import type { CredentialFixture } from './cli';
import { newId } from './workflows';

/** Which of the OIDC lab's clients a Client Credentials fixture uses, and how it authenticates. */
export type OidcLabClient = 'basic' | 'post' | 'secretJwt' | 'rsa' | 'ec256' | 'ec384';

const METHOD_OF: Record<OidcLabClient, string> = {
	basic: 'header',
	post: 'body',
	secretJwt: 'clientSecretJwt',
	rsa: 'privateKeyJwt',
	ec256: 'privateKeyJwt',
	ec384: 'privateKeyJwt',
};

const ALGORITHM_OF: Partial<Record<OidcLabClient, string>> = { rsa: 'RS256', ec256: 'ES256', ec384: 'ES384' };

export function clientCredentialsCredential(lab: OidcLab, client: OidcLabClient = 'rsa', overrides: Record<string, unknown> = {}): CredentialFixture {
	const id = newId();
	const chosen = lab.clients[client];
	const keyFields =
		'privateKeyPem' in chosen
			? { privateKey: chosen.privateKeyPem, keyId: chosen.kid, signingAlgorithm: ALGORITHM_OF[client], clientSecret: '' }
			: { privateKey: '', keyId: '', signingAlgorithm: 'RS256', clientSecret: chosen.clientSecret };
	return {
		id,
		name: `client-credentials ${client} ${id}`,
		type: 'clientCredentialsOAuth2Api',
		data: {
			accessTokenUrl: lab.tokenUrl,
			clientAuthentication: METHOD_OF[client],
			clientId: chosen.clientId,
			...keyFields,
			assertionAudience: '',
			scope: 'read',
			bodyParameters: '{}',
			headers: '{}',
			omitBearerPrefix: false,
			allowUnauthorizedCerts: false,
			...overrides,
		},
	};
}

export function jwtBearerCredential(lab: JwtBearerLab, overrides: Record<string, unknown> = {}): CredentialFixture {
	const id = newId();
	return {
		id,
		name: `jwt-bearer ${id}`,
		type: 'jwtBearerOAuth2Api',
		data: {
			accessTokenUrl: lab.tokenUrl,
			issuer: lab.settings.issuer,
			subject: lab.settings.subjects[0],
			audience: '',
			scope: 'api',
			extraClaims: '{}',
			assertionLifetime: 300,
			privateKey: lab.keys.rsa.privateKeyPem,
			keyId: lab.keys.rsa.kid,
			signingAlgorithm: 'RS256',
			clientAuthentication: 'none',
			clientId: '',
			clientSecret: '',
			assertionAudience: '',
			bodyParameters: '{}',
			headers: '{}',
			omitBearerPrefix: false,
			allowUnauthorizedCerts: false,
			...overrides,
		},
	};
}

/** 24-character pieces of a PEM's base64 body: a message or log that holds none of them shows no key. */
export function keyChunks(pem: string): string[] {
	const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
	const chunks: string[] = [];
	for (let i = 0; i + 24 <= body.length; i += 24) chunks.push(body.slice(i, i + 24));
	return chunks;
}

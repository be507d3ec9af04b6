/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, not shipped: linted by eslint.tests.config.mjs */
// What a user types into each exchanging credential type (the fields without a default), for a
// given login and token URL. Unit, integration and e2e tests build their credentials from these.

/** A user's login at a token endpoint. */
export interface Login {
	username: string;
	password: string;
}

/** A login with the OAuth2 client that makes it (Password Grant). */
export interface ClientLogin extends Login {
	clientId: string;
	clientSecret: string;
}

export function basicToBearerFields(login: Login, accessTokenUrl: string): Record<string, string> {
	return { username: login.username, password: login.password, accessTokenUrl };
}

export function passwordGrantFields(login: ClientLogin, accessTokenUrl: string): Record<string, string> {
	return { clientId: login.clientId, clientSecret: login.clientSecret, username: login.username, password: login.password, accessTokenUrl };
}

export function tokenLoginFields(login: Login, loginUrl: string): Record<string, string> {
	return { loginUrl, username: login.username, password: login.password };
}

/** The login the hostile token server (test/servers/hostile-token-server.ts) is sent. */
export const HOSTILE_LOGIN: ClientLogin = { username: 'alice', password: 'hostile-Pa55word', clientId: 'lab-client', clientSecret: 'client-s3cret-XYZ' };

/** Every form a login's secrets travel in: a server that received none of them saw no secret. */
export function secretsOf(login: ClientLogin): string[] {
	const basic = (user: string, secret: string) => Buffer.from(`${user}:${secret}`).toString('base64');
	return [
		login.password,
		login.clientSecret,
		basic(login.username, login.password),
		basic(login.clientId, login.clientSecret),
		encodeURIComponent(login.password),
	];
}

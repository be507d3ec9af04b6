// Signs a user in against the Basic emulator the way n8n's OAuth2 callback does (authorization
// code with PKCE S256, form-encoded token request) and returns the token answer, ready to be
// imported as the credential's `oauthTokenData` without a browser.
import { createHash, randomBytes } from 'node:crypto';
import type { BasicEmulator } from './index';

const REDIRECT = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

export async function signInTokens(emu: BasicEmulator, projectId: string): Promise<Record<string, unknown>> {
	const verifier = randomBytes(32).toString('base64url');
	const challenge = createHash('sha256').update(verifier).digest('base64url');
	const authorize = new URL('/auth/authorize', emu.url);
	const query = { client_id: projectId, redirect_uri: REDIRECT, response_type: 'code', scope: 'profile', state: 's', code_challenge: challenge, code_challenge_method: 'S256' };
	for (const [k, v] of Object.entries(query)) authorize.searchParams.set(k, v);
	const html = await (await fetch(authorize)).text();
	const request = /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';
	const decision = await fetch(new URL('/auth/authorize/decision', emu.url), {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ request, decision: 'approve' }).toString(),
	});
	const code = new URL(decision.headers.get('location') ?? '').searchParams.get('code') ?? '';
	const token = await fetch(new URL('/auth/token', emu.url), {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: projectId, code_verifier: verifier }).toString(),
	});
	if (token.status !== 200) throw new Error(`sign-in failed: ${token.status} ${await token.text()}`);
	return (await token.json()) as Record<string, unknown>;
}

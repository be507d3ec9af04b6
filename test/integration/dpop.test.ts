import { calculateJwkThumbprint } from 'jose';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { ClientCredentialsOAuth2Api } from '../../credentials/ClientCredentialsOAuth2Api.credentials';
import type { JwtBearerOAuth2Api } from '../../credentials/JwtBearerOAuth2Api.credentials';
import type { PasswordGrantOAuth2Api } from '../../credentials/PasswordGrantOAuth2Api.credentials';
import { pastedDpopKey } from '../../credentials/common/dpop';
import { startJwtBearerLab, type JwtBearerLab } from '../servers/jwt-bearer-lab';
import { startOidcLab, type OidcLab } from '../servers/oidc-lab';
import { startTokenLab, type TokenLab } from '../servers/token-lab';
import { useControlledDate } from '../support/controlled-date';
import { p256Key } from '../unit/assertion/test-keys';
import { StoredCredential, failureOf, n8nRequester } from './support/n8n-request-harness';
import { inNewProcess, passwordGrantFor } from './support/lab-credentials';

/**
 * DPoP (RFC 9449) on OAuth2 Client Credentials against oidc-provider with its DPoP feature on and
 * the lab's nonces required, and a resource server that checks every proof (test/servers/oidc-lab.ts);
 * on the Password Grant and JWT Bearer against the token lab and the JWT Bearer lab, whose DPoP side
 * is test/servers/dpop-checker.ts.
 */
let lab: OidcLab;
afterEach(async () => await lab?.close());

const newProcess = () => inNewProcess<ClientCredentialsOAuth2Api>('ClientCredentialsOAuth2Api');

function dpopCredential(more: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	const client = lab.clients.ec256;
	return {
		accessTokenUrl: lab.tokenUrl,
		clientAuthentication: 'privateKeyJwt',
		clientId: client.clientId,
		privateKey: client.privateKeyPem,
		keyId: client.kid,
		signingAlgorithm: 'ES256',
		proofOfPossession: 'dpop',
		...more,
	};
}

describe('DPoP with a generated key', () => {
	beforeEach(async () => {
		lab = await startOidcLab();
	});

	it('one login (answering the nonce challenge once), every API request with its own accepted proof, the key kept with the token', async () => {
		const stored = new StoredCredential(dpopCredential());
		const n8n = n8nRequester(newProcess(), stored);
		for (let item = 0; item < 5; item++) {
			await expect(n8n.legacyRequest({ uri: `${lab.apiUrl}?item=${item}`, qs: { page: item } })).resolves.toMatchObject({ ok: true, item: String(item) });
		}
		// The first token call has no nonce and is refused; the one retry carries the lab's nonce.
		expect(lab.tokenCalls.map((call) => [call.status, call.error, call.dpop?.claims.nonce])).toEqual([
			[400, 'use_dpop_nonce', undefined],
			[200, undefined, lab.dpopNonce()],
		]);
		const issued = lab.tokenCalls[1];
		expect(issued.tokenType).toBe('DPoP');
		expect(issued.dpop?.header).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256' });
		expect(issued.dpop?.claims).toMatchObject({ htm: 'POST', htu: lab.tokenUrl });
		expect(issued.jkt).toBe(await calculateJwkThumbprint(issued.dpop?.header.jwk as never));
		// Every API request: accepted by the resource server, a new jti, bound to the token's key.
		expect(lab.apiProofs).toHaveLength(5);
		expect(lab.apiProofs.every((proof) => proof.accepted && proof.jkt === issued.jkt && proof.htm === 'GET' && proof.htu === lab.apiUrl)).toBe(true);
		expect(new Set(lab.apiProofs.map((proof) => proof.jti)).size).toBe(5);
		expect(lab.apiAuthorizations.every((authorization) => authorization.startsWith('DPoP '))).toBe(true);
		expect(stored.writes).toBe(1);
		expect(String(stored.data.proofKey)).toMatch(/^-----BEGIN PRIVATE KEY-----/);
	});

	it('a new process (a restart, another worker) uses the stored token and key: no token call, proofs accepted', async () => {
		const stored = new StoredCredential(dpopCredential());
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		const jkt = lab.tokenCalls.at(-1)?.jkt;
		lab.resetCounts();
		await expect(n8nRequester(newProcess(), stored).httpRequest({ url: lab.apiUrl, method: 'POST', body: { a: 1 }, json: true })).resolves.toMatchObject({ ok: true });
		expect(lab.counts.tokenCalls).toBe(0);
		expect(lab.apiProofs).toEqual([expect.objectContaining({ accepted: true, jkt, htm: 'POST' })]);
	});

	it('a later login in the same process carries the remembered nonce at once; a rotated nonce costs one retry', async () => {
		const type = newProcess();
		await n8nRequester(type, new StoredCredential(dpopCredential())).legacyRequest({ uri: lab.apiUrl });
		lab.resetCounts();
		// Another client's credential: other settings, so a login of its own.
		const rsa = lab.clients.rsa;
		const other = dpopCredential({ clientId: rsa.clientId, privateKey: rsa.privateKeyPem, keyId: rsa.kid, signingAlgorithm: 'RS256' });
		await n8nRequester(type, new StoredCredential(other)).legacyRequest({ uri: lab.apiUrl });
		expect(lab.tokenCalls.map((call) => call.status)).toEqual([200]);
		lab.resetCounts();
		lab.rotateDpopNonce();
		await n8nRequester(type, new StoredCredential(dpopCredential({ scope: 'read' }))).legacyRequest({ uri: lab.apiUrl });
		expect(lab.tokenCalls.map((call) => call.status)).toEqual([400, 200]);
	});

	it('switching from None to DPoP is a new token (the fingerprint covers the choice)', async () => {
		const stored = new StoredCredential(dpopCredential({ proofOfPossession: 'none' }));
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		expect(lab.tokenCalls.map((call) => call.tokenType)).toEqual(['Bearer']);
		expect(lab.apiProofs).toEqual([]);
		stored.data = { ...stored.data, proofOfPossession: 'dpop' };
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		expect(lab.tokenCalls.map((call) => call.tokenType).filter(Boolean)).toEqual(['Bearer', 'DPoP']);
		expect(lab.apiProofs).toEqual([expect.objectContaining({ accepted: true })]);
	});
});

describe('the editor\'s Test button', () => {
	beforeEach(async () => {
		lab = await startOidcLab();
	});

	it('logs in with a proof that carries the nonce the hook\'s own login just learned, and gets a DPoP token', async () => {
		// n8n runs preAuthentication (its login answers the nonce challenge), then sends the Test
		// request, which authenticate turns into a login with a proof of its own.
		const stored = new StoredCredential(dpopCredential());
		const answer = await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.tokenUrl, headers: { 'x-token-auth-credential-test': 'login' } });
		expect(answer).toMatchObject({ token_type: 'DPoP' });
		expect(lab.tokenCalls.map((call) => [call.status, call.error, call.dpop?.claims.nonce])).toEqual([
			[400, 'use_dpop_nonce', undefined],
			[200, undefined, lab.dpopNonce()],
			[200, undefined, lab.dpopNonce()],
		]);
	});
});

describe('DPoP with a pasted key', () => {
	beforeEach(async () => {
		lab = await startOidcLab();
	});

	it('binds the token to the pasted key and stores no key of its own', async () => {
		const stored = new StoredCredential(dpopCredential({ dpopKey: 'pasted', dpopPrivateKey: p256Key.pkcs8 }));
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		const thumbprint = await calculateJwkThumbprint(pastedDpopKey(p256Key.pkcs8).publicJwk as never);
		expect(lab.tokenCalls.at(-1)?.jkt).toBe(thumbprint);
		expect(lab.apiProofs).toEqual([expect.objectContaining({ accepted: true, jkt: thumbprint })]);
		expect(stored.data.proofKey).toBe('');
	});
});

describe('the resource server checks what it says', () => {
	beforeEach(async () => {
		lab = await startOidcLab();
	});

	it('refuses the DPoP token sent as Bearer, and a replayed proof', async () => {
		const stored = new StoredCredential(dpopCredential());
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		const token = String(stored.data.accessToken);
		const asBearer = await fetch(lab.apiUrl, { headers: { Authorization: `Bearer ${token}` } });
		expect(asBearer.status).toBe(401);
		expect(lab.apiProofs.at(-1)).toMatchObject({ accepted: false, refusal: 'a DPoP-bound token sent with the Bearer scheme' });
		const sentProof = await captureProof(stored);
		const replayed = await fetch(lab.apiUrl, { headers: { Authorization: `DPoP ${token}`, DPoP: sentProof } });
		expect(replayed.status).toBe(401);
		expect(lab.apiProofs.at(-1)).toMatchObject({ accepted: false, refusal: 'jti missing or replayed' });
	});
});

/** A proof the credential put on a request the resource server accepted (its jti is now seen). */
async function captureProof(stored: StoredCredential): Promise<string> {
	const type = newProcess();
	const request = await type.authenticate({ ...stored.read() }, { url: lab.apiUrl, method: 'GET' });
	const proof = String((request.headers as Record<string, string>).DPoP);
	await fetch(lab.apiUrl, { headers: request.headers as Record<string, string> });
	expect(lab.apiProofs.at(-1)).toMatchObject({ accepted: true });
	return proof;
}

describe('a server that answers Bearer to a DPoP request', () => {
	beforeEach(async () => {
		lab = await startOidcLab({}, { dpop: false });
	});

	it('refuses the token with a clear error, sends no API request, and shows no secret', async () => {
		const stored = new StoredCredential(dpopCredential({ dpopKey: 'pasted', dpopPrivateKey: p256Key.pkcs8 }));
		const message = await failureOf(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl }));
		expect(message).toMatch(/answered token_type Bearer to a DPoP request/);
		expect(lab.tokenCalls.map((call) => call.tokenType)).toEqual(['Bearer']);
		expect(lab.counts.apiCalls).toBe(0);
		expect(stored.data.accessToken ?? '').toBe('');
		expect(message).not.toContain('PRIVATE KEY');
		expect(message).not.toMatch(/eyJ/);
	});
});

describe('DPoP on the Password Grant: login and refresh prove the same key', () => {
	const time = useControlledDate();
	let tokenLab: TokenLab;
	beforeEach(async () => {
		tokenLab = await startTokenLab({ lifetimeSeconds: 2 });
	});
	afterEach(async () => await tokenLab.close());

	it('the refresh carries a proof of the key the refresh token is bound to, in this process and the next', async () => {
		const stored = new StoredCredential(passwordGrantFor(tokenLab, { proofOfPossession: 'dpop' }));
		const n8n = n8nRequester(inNewProcess<PasswordGrantOAuth2Api>('PasswordGrantOAuth2Api'), stored);
		await expect(n8n.legacyRequest({ uri: tokenLab.apiUrl })).resolves.toMatchObject({ ok: true });
		time.pass(1700);
		await n8n.legacyRequest({ uri: tokenLab.apiUrl });
		time.pass(1700);
		await n8nRequester(inNewProcess<PasswordGrantOAuth2Api>('PasswordGrantOAuth2Api'), stored).legacyRequest({ uri: tokenLab.apiUrl });
		const proofs = tokenLab.dpopProofs.map((proof) => [proof.at, proof.grantType, proof.accepted ? 'accepted' : proof.refusal]);
		expect(proofs).toEqual([
			['token', 'password', 'use_dpop_nonce'],
			['token', 'password', 'accepted'],
			['api', undefined, 'accepted'],
			['token', 'refresh_token', 'accepted'],
			['api', undefined, 'accepted'],
			// The next process has not heard the lab's nonce yet: one retry.
			['token', 'refresh_token', 'use_dpop_nonce'],
			['token', 'refresh_token', 'accepted'],
			['api', undefined, 'accepted'],
		]);
		expect(new Set(tokenLab.dpopProofs.filter((proof) => proof.accepted).map((proof) => proof.jkt)).size).toBe(1);
		expect(tokenLab.counts.oauthRefused).toBe(2);
		expect(tokenLab.apiAuthorizations.every((authorization) => authorization.startsWith('DPoP '))).toBe(true);
	});

	it('the lab refuses a refresh that proves another key (so the test above can fail)', async () => {
		const stored = new StoredCredential(passwordGrantFor(tokenLab, { proofOfPossession: 'dpop' }));
		await n8nRequester(inNewProcess<PasswordGrantOAuth2Api>('PasswordGrantOAuth2Api'), stored).legacyRequest({ uri: tokenLab.apiUrl });
		// The stored key replaced by another: the refresh proves a key the refresh token is not bound to.
		stored.data = { ...stored.data, proofKey: p256Key.pkcs8 };
		time.pass(1700);
		await n8nRequester(inNewProcess<PasswordGrantOAuth2Api>('PasswordGrantOAuth2Api'), stored).legacyRequest({ uri: tokenLab.apiUrl });
		// Refused for the key (after the nonce retry); the password login that follows binds the new key.
		expect(tokenLab.tokenRequests.map((request) => [request.form.grant_type, request.status])).toEqual([
			['password', 400],
			['password', 200],
			['refresh_token', 400],
			['refresh_token', 400],
			['password', 200],
		]);
		expect(tokenLab.dpopProofs.at(-1)).toMatchObject({ at: 'api', accepted: true, jkt: await calculateJwkThumbprint(pastedDpopKey(p256Key.pkcs8).publicJwk as never) });
	});
});

describe('DPoP on the JWT Bearer grant', () => {
	let jwtLab: JwtBearerLab;
	beforeEach(async () => {
		jwtLab = await startJwtBearerLab();
	});
	afterEach(async () => await jwtLab.close());

	it('the grant gets a DPoP token after the nonce challenge; each API call proves the key', async () => {
		const stored = new StoredCredential({
			accessTokenUrl: jwtLab.tokenUrl,
			issuer: jwtLab.settings.issuer,
			subject: 'alice@example.com',
			privateKey: jwtLab.keys.ec256.privateKeyPem,
			keyId: jwtLab.keys.ec256.kid,
			signingAlgorithm: 'ES256',
			proofOfPossession: 'dpop',
		});
		const n8n = n8nRequester(inNewProcess<JwtBearerOAuth2Api>('JwtBearerOAuth2Api'), stored);
		for (let item = 0; item < 3; item++) {
			await expect(n8n.httpRequest({ url: `${jwtLab.apiUrl}?item=${item}`, json: true })).resolves.toMatchObject({ ok: true, subject: 'alice@example.com' });
		}
		expect(jwtLab.tokenCalls.map((call) => [call.status, call.error])).toEqual([
			[400, 'use_dpop_nonce'],
			[200, undefined],
		]);
		expect(jwtLab.tokenTypes).toEqual(['DPoP']);
		expect(jwtLab.dpopProofs.map((proof) => [proof.at, proof.accepted ? 'accepted' : proof.refusal])).toEqual([
			['token', 'use_dpop_nonce'],
			['token', 'accepted'],
			['api', 'accepted'],
			['api', 'accepted'],
			['api', 'accepted'],
		]);
		expect(new Set(jwtLab.dpopProofs.filter((proof) => proof.accepted).map((proof) => proof.jkt)).size).toBe(1);
	});
});

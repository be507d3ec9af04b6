// The credentials scripts/benchmark.ts runs, each on a local server that verifies every request
// and counts what it accepted, each paired with a Header Auth baseline on that same server.
import { importPKCS8, SignJWT } from 'jose';
import type { OidcLab } from '../test/servers/oidc-lab';
import type { SelfSignedJwtLab } from '../test/servers/self-signed-jwt-lab';
import { SIGNING_LAB_KEYS, type SigningLab } from '../test/servers/signing-lab';
import type { TokenLab } from '../test/servers/token-lab';
import { selfSignedFields } from '../test/support/self-signed-fields';
import type { CredentialFixture } from '../test/e2e/harness/cli';
import { basicToBearerCredential, labIssuedToken, passwordGrantCredential } from '../test/e2e/harness/lab-credentials';
import { clientCredentialsCredential } from '../test/e2e/harness/machine-credentials';
import { selfSignedCredential, signingCredential } from '../test/e2e/harness/signing-credentials';
import { newId } from '../test/e2e/harness/workflows';

/** What `--only=<group>` selects: a group's cases and their baselines. */
export type CaseGroup = 'exchanging' | 'client-credentials' | 'per-request';

export interface BenchmarkServers {
	lab: TokenLab;
	oidc: OidcLab;
	selfSigned: SelfSignedJwtLab;
	signing: SigningLab;
}

export interface Case {
	label: string;
	credential: CredentialFixture;
	/** The HTTP Request node's URL (an expression with the item's index). */
	url: string;
	groups: CaseGroup[];
	/** The Header Auth case on the same server (the ratio's denominator); undefined for a baseline. */
	baseline?: Case;
	/** Token calls and API calls accepted since the servers' counts were reset, as the servers counted them. */
	tokenCalls: () => number;
	accepted: () => number;
	/** Per-request proofs: distinct JWTs, DPoP proofs or signatures among the accepted calls. */
	distinctProofs?: () => number;
}

const headerAuth = (name: string, value: string): CredentialFixture => ({ id: newId(), name, type: 'httpHeaderAuth', data: { name: 'Authorization', value } });

export async function benchmarkCases({ lab, oidc, selfSigned, signing }: BenchmarkServers): Promise<Case[]> {
	const onTokenLab = { accepted: () => lab.counts.apiAccepted, url: `=${lab.apiUrl}?item={{ $json.i }}` };
	const onOidc = { accepted: () => oidc.counts.apiAccepted, url: `=${oidc.apiUrl}?item={{ $json.i }}` };
	const onApple = { accepted: () => selfSigned.accepted('apple').length, url: `=${selfSigned.url}/apple/items?item={{ $json.i }}` };
	const acceptedOn = (scheme: string) => signing.verdicts.filter((verdict) => verdict.scheme === scheme && verdict.ok);
	const noTokens = { tokenCalls: () => 0 };

	const tokenLabBase: Case = { label: 'Header Auth (n8n built-in, static token)', credential: headerAuth('bench header', `Bearer ${await labIssuedToken(lab)}`), groups: ['exchanging'], ...noTokens, ...onTokenLab };
	const oidcBase: Case = {
		label: 'Header Auth on the oidc-provider API (static JWT)',
		credential: headerAuth('bench header oidc', `Bearer ${await oidcIssuedToken(oidc)}`),
		groups: ['client-credentials', 'per-request'],
		...noTokens,
		...onOidc,
	};
	const appleBase: Case = {
		label: 'Header Auth on the self-signed JWT lab (static ES256 JWT)',
		credential: headerAuth('bench header self-signed', `Bearer ${await staticAppleJwt(selfSigned)}`),
		groups: ['per-request'],
		...noTokens,
		...onApple,
	};
	const signingBase: Case = {
		label: 'Header Auth on the signing lab (static token)',
		credential: headerAuth('bench header signing', `Bearer ${SIGNING_LAB_KEYS.static.token}`),
		groups: ['per-request'],
		url: `=${signing.url}/static/items?item={{ $json.i }}`,
		accepted: () => acceptedOn('static').length,
		...noTokens,
	};
	const signed = (scheme: string) => ({
		groups: ['per-request'] as CaseGroup[],
		baseline: signingBase,
		accepted: () => acceptedOn(scheme).length,
		distinctProofs: () => new Set(acceptedOn(scheme).map((verdict) => verdict.proof)).size,
		...noTokens,
	});
	const dpopProofs = () => oidc.apiProofs.filter((proof) => proof.accepted);
	const dpopCase = (label: string, client: 'rsa' | 'basic'): Case => ({
		label,
		credential: clientCredentialsCredential(oidc, client, { proofOfPossession: 'dpop', dpopKey: 'generated', dpopPrivateKey: '' }),
		groups: ['per-request'],
		baseline: oidcBase,
		tokenCalls: () => oidc.counts.tokenCalls,
		distinctProofs: () => new Set(dpopProofs().map((proof) => proof.jti)).size,
		...onOidc,
	});

	return [
		tokenLabBase,
		{ label: 'Basic to Bearer API', credential: basicToBearerCredential(lab), groups: ['exchanging'], baseline: tokenLabBase, tokenCalls: () => lab.counts.basicTokenCalls, ...onTokenLab },
		{
			label: 'OAuth2 Password Grant API',
			credential: passwordGrantCredential(lab),
			groups: ['exchanging'],
			baseline: tokenLabBase,
			tokenCalls: () => lab.counts.oauthPasswordCalls + lab.counts.oauthRefreshCalls,
			...onTokenLab,
		},
		oidcBase,
		{
			label: 'OAuth2 Client Credentials API (Private Key JWT, RS256)',
			credential: clientCredentialsCredential(oidc, 'rsa'),
			groups: ['client-credentials'],
			baseline: oidcBase,
			tokenCalls: () => oidc.counts.tokenCalls,
			...onOidc,
		},
		dpopCase('OAuth2 Client Credentials API, DPoP (generated ES256 key, a proof per request)', 'rsa'),
		// The same DPoP with a client secret: a smaller credential, for what n8n's own reading of it costs (BENCHMARKS.md).
		dpopCase('OAuth2 Client Credentials API, DPoP, client secret (generated ES256 key, a proof per request)', 'basic'),
		appleBase,
		{
			label: 'Self-Signed JWT API (App Store Connect preset, ES256, a new JWT per request)',
			credential: selfSignedCredential(selfSignedFields(selfSigned).apple),
			groups: ['per-request'],
			baseline: appleBase,
			distinctProofs: () => new Set(selfSigned.accepted('apple').map((record) => record.jwt)).size,
			...noTokens,
			...onApple,
		},
		signingBase,
		{
			label: 'HMAC Signature API (Binance preset, HMAC-SHA256 of the query)',
			credential: signingCredential('hmacSignatureApi', { preset: 'binance', ...SIGNING_LAB_KEYS.binance, recvWindow: '5000' }),
			url: `=${signing.url}/binance/api/v3/account?item={{ $json.i }}`,
			...signed('binance'),
		},
		{
			label: 'AWS Signature V4 API (execute-api, signed payload)',
			credential: signingCredential('awsSigV4Api', { ...SIGNING_LAB_KEYS.aws, region: 'eu-west-1', service: 'execute-api', payloadSigning: 'signed' }),
			url: `=${signing.url}/aws/items?item={{ $json.i }}`,
			...signed('aws'),
		},
	];
}

/** Every server's counts and records back to zero (before each execution). */
export function resetServers({ lab, oidc, selfSigned, signing }: BenchmarkServers): void {
	lab.resetCounts();
	oidc.resetCounts();
	selfSigned.reset();
	signing.reset();
}

/** A token from oidc-provider for the static Header Auth baseline on its API (client_secret_post). */
async function oidcIssuedToken(oidc: OidcLab): Promise<string> {
	const { clientId, clientSecret } = oidc.clients.post;
	const res = await fetch(oidc.tokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
	});
	return ((await res.json()) as { access_token: string }).access_token;
}

/**
 * One ES256 JWT the lab's /apple route accepts (kid, iss, aud, the route's longest lifetime of
 * 20 minutes), signed here once with jose: what a Header Auth user would paste.
 */
async function staticAppleJwt(selfSigned: SelfSignedJwtLab): Promise<string> {
	const key = await importPKCS8(selfSigned.keys.appleP8, 'ES256');
	return await new SignJWT({})
		.setProtectedHeader({ alg: 'ES256', kid: selfSigned.keys.appleKeyId, typ: 'JWT' })
		.setIssuer(selfSigned.keys.appleIssuer)
		.setAudience('appstoreconnect-v1')
		.setIssuedAt()
		.setExpirationTime('20m')
		.sign(key);
}

// The demo's example credentials and workflows, one per credential type, each against a local
// server that counts its token calls: the token lab for the three token types, the login lab for
// the Token Login API (a form login that sets a session cookie), the Basic emulator for Basic
// (basic.tech), whose node lists rows of a table, oidc-provider for the OAuth2 Client Credentials
// API (Private Key JWT, with an Auth0-style audience) and the JWT Bearer lab for the OAuth2 JWT
// Bearer API. The per-request types (signatures, self-signed JWTs) are in signing-examples.ts.
import type { BasicEmulator } from '../../test/servers/basic-emulator';
import type { JwtBearerLab } from '../../test/servers/jwt-bearer-lab';
import type { LoginLab } from '../../test/servers/login-lab';
import type { OidcLab } from '../../test/servers/oidc-lab';
import type { TokenLab } from '../../test/servers/token-lab';
import type { CredentialFixture, Execution } from '../../test/e2e/harness/cli';
import { nodeItems } from '../../test/e2e/harness/cli';
import { basicListWorkflow, basicTechCredential } from '../../test/e2e/harness/basic-tech-fixtures';
import { basicToBearerCredential, bearerTokenCredential, labIssuedToken, passwordGrantCredential, tokenLoginCredential } from '../../test/e2e/harness/lab-credentials';
import { clientCredentialsCredential, jwtBearerCredential } from '../../test/e2e/harness/machine-credentials';
import { HTTP_NODE, httpWorkflow, WorkflowFixture } from '../../test/e2e/harness/workflows';
import type { ProofSeen } from './fresh-proofs';

export const DEMO_ITEMS = 5;
export const BASIC_PROJECT = 'demo-project';
const BASIC_NODE = 'List Todos';

export interface Example {
	title: string;
	credential: CredentialFixture;
	workflow: WorkflowFixture;
	/** False for a static token or a per-request signature: nothing is exchanged, so there is no token call to count. */
	exchanges: boolean;
	/**
	 * For a type that makes a new proof per request (a signature, a self-signed JWT): what the proofs
	 * are called. The run must then show every API call's proof accepted and no proof used twice.
	 */
	freshProofs?: string;
	/** Starts counting one run's calls at the servers; the returned function reads the counts. */
	countRun(): () => RunCounts;
	/** Prepares the first run, and says what it did. */
	beforeFirstRun?(): string;
	/** The items of the node that called the API. */
	answered(run: Execution['run']): Array<Record<string, unknown>>;
}

export interface RunCounts {
	tokenCalls: number;
	/** Token and API calls in words. */
	text: string;
	/** With `freshProofs`: each API call's proof as the server judged it. */
	proofs?: ProofSeen[];
}

/** The login lab's settings for the demo: a form login whose session cookie the API wants back. */
export const DEMO_COOKIE_LOGIN = { tokenIn: 'cookie', tokenKey: 'sid', apiExpects: { sendAs: 'cookie', name: 'sid' } } as const;

/** The servers of the machine-to-machine examples. */
export interface MachineLabs {
	oidc: OidcLab;
	jwtBearer: JwtBearerLab;
}

/** The API the Client Credentials example asks a token for, Auth0-style (`audience`). */
export const DEMO_AUDIENCE = 'https://api.example.com';

export async function buildExamples(lab: TokenLab, emu: BasicEmulator, loginLab: LoginLab, machine: MachineLabs): Promise<Example[]> {
	const viaHttpNode = (title: string, credential: CredentialFixture) =>
		httpWorkflow({
			name: `Demo: ${title}`,
			url: `=${lab.apiUrl}?item={{ $json.i }}`,
			credentialType: credential.type,
			credentialId: credential.id,
			credentialName: credential.name,
			items: DEMO_ITEMS,
		});
	const httpItems = (run: Execution['run']) => nodeItems(run, HTTP_NODE);
	const basicToBearer = { ...basicToBearerCredential(lab), name: 'Demo Basic to Bearer' };
	const grant = { ...passwordGrantCredential(lab), name: 'Demo OAuth2 Password Grant' };
	const bearer = { ...bearerTokenCredential(await labIssuedToken(lab)), name: 'Demo Bearer Token' };
	const basicTech = await basicTechCredential(emu, { project: BASIC_PROJECT, name: 'Demo Basic (basic.tech)' });
	const cookieLogin = {
		...tokenLoginCredential(loginLab, { sendCredentialsAs: 'formBody', answerLocation: 'cookie', answerKey: 'sid', placement: 'cookie', cookieName: 'sid' }),
		name: 'Demo Token Login (session cookie)',
	};
	const cookieLoginFlow = httpWorkflow({
		name: 'Demo: Token Login API (session cookie)',
		url: `=${loginLab.apiUrl}?item={{ $json.i }}`,
		credentialType: cookieLogin.type,
		credentialId: cookieLogin.id,
		credentialName: cookieLogin.name,
		items: DEMO_ITEMS,
	});
	const clientCredentials = {
		...clientCredentialsCredential(machine.oidc, 'rsa', { bodyParameters: JSON.stringify({ audience: DEMO_AUDIENCE }) }),
		name: 'Demo OAuth2 Client Credentials (Private Key JWT)',
	};
	const jwtBearer = { ...jwtBearerCredential(machine.jwtBearer), name: 'Demo OAuth2 JWT Bearer' };
	const onApi = (title: string, credential: CredentialFixture, apiUrl: string) =>
		httpWorkflow({
			name: `Demo: ${title}`,
			url: `=${apiUrl}?item={{ $json.i }}`,
			credentialType: credential.type,
			credentialId: credential.id,
			credentialName: credential.name,
			items: DEMO_ITEMS,
		});
	const labRun = (tokenCalls: () => number, tokenText: () => string) => () => {
		lab.resetCounts();
		return (): RunCounts => ({
			tokenCalls: tokenCalls(),
			text: `token calls: ${tokenText()}; API calls: ${lab.counts.apiCalls} (${lab.counts.apiAccepted} accepted, ${lab.counts.apiRejected} rejected)`,
		});
	};
	return [
		{
			title: 'Basic to Bearer API',
			credential: basicToBearer,
			workflow: viaHttpNode('Basic to Bearer API', basicToBearer),
			exchanges: true,
			countRun: labRun(() => lab.counts.basicTokenCalls, () => `${lab.counts.basicTokenCalls}`),
			answered: httpItems,
		},
		{
			title: 'OAuth2 Password Grant API',
			credential: grant,
			workflow: viaHttpNode('OAuth2 Password Grant API', grant),
			exchanges: true,
			countRun: labRun(
				() => lab.counts.oauthPasswordCalls + lab.counts.oauthRefreshCalls,
				() => `${lab.counts.oauthPasswordCalls} password grant, ${lab.counts.oauthRefreshCalls} refresh`,
			),
			answered: httpItems,
		},
		{
			title: 'Bearer Token API',
			credential: bearer,
			workflow: viaHttpNode('Bearer Token API', bearer),
			exchanges: false,
			countRun: labRun(() => 0, () => 'none (static token)'),
			answered: httpItems,
		},
		{
			title: 'Token Login API: form login, session cookie sent back as a cookie',
			credential: cookieLogin,
			workflow: cookieLoginFlow,
			exchanges: true,
			countRun: () => {
				loginLab.resetCounts();
				return () => ({
					tokenCalls: loginLab.counts.loginCalls,
					text: `logins: ${loginLab.counts.loginCalls}; API calls: ${loginLab.counts.apiCalls} (${loginLab.counts.apiAccepted} accepted, ${loginLab.counts.apiRejected} rejected)`,
				});
			},
			answered: httpItems,
		},
		{
			title: 'OAuth2 Client Credentials API: Private Key JWT against oidc-provider, with an audience',
			credential: clientCredentials,
			workflow: onApi('OAuth2 Client Credentials API', clientCredentials, machine.oidc.apiUrl),
			exchanges: true,
			countRun: () => {
				const { oidc } = machine;
				oidc.resetCounts();
				return () => ({
					tokenCalls: oidc.counts.tokenCalls,
					text:
						`token calls: ${oidc.tokenCalls.map((c) => `${c.authMethod} -> token for ${c.tokenAudience ?? c.error}`).join(', ') || '0'}; ` +
						`API calls: ${oidc.counts.apiCalls} (${oidc.counts.apiAccepted} accepted, ${oidc.counts.apiRejected} rejected)`,
				});
			},
			answered: httpItems,
		},
		{
			title: 'OAuth2 JWT Bearer API: a signed assertion (RFC 7523) verified by the server',
			credential: jwtBearer,
			workflow: onApi('OAuth2 JWT Bearer API', jwtBearer, machine.jwtBearer.apiUrl),
			exchanges: true,
			countRun: () => {
				const server = machine.jwtBearer;
				server.resetCounts();
				return () => ({
					tokenCalls: server.counts.tokenCalls,
					text:
						`token calls: ${server.tokenCalls.map((c) => `${String(c.header?.alg)} assertion for ${String(c.claims?.sub)} (${c.status})`).join(', ') || '0'}; ` +
						`API calls: ${server.counts.apiCalls} (${server.counts.apiAccepted} accepted, ${server.counts.apiRejected} rejected)`,
				});
			},
			answered: httpItems,
		},
		{
			title: 'Basic (basic.tech) node, listing rows',
			credential: basicTech,
			workflow: basicListWorkflow(basicTech, { project: BASIC_PROJECT, name: 'Demo: Basic (basic.tech) list rows', nodeName: BASIC_NODE }),
			exchanges: true,
			// The sign-in ("Connect my account") happened before the import; what counts here is
			// whether a run had to go back to the token endpoint.
			countRun: () => {
				const tokensBefore = emu.state.tokenRequests.length;
				const dbBefore = emu.state.dbRequests.length;
				return () => {
					const tokenCalls = emu.state.tokenRequests.length - tokensBefore;
					return { tokenCalls, text: `token calls: ${tokenCalls}; API calls: ${emu.state.dbRequests.length - dbBefore}` };
				};
			},
			beforeFirstRun: () => {
				emu.expireAccessTokens();
				return 'the signed-in access token was expired on purpose: n8n refreshes it on the first run and stores the new one';
			},
			answered: (run) => nodeItems(run, BASIC_NODE),
		},
	];
}

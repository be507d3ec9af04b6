// The package's exchanging credentials as AI Agent tools: per kind, its lab, how to count its
// token calls, and its credential. Shared by the AI Agent spec and the next-process spec (the
// agent's second run in a new n8n process).
import { LoginLab, startLoginLab } from '../../servers/login-lab';
import { startTokenLab, TokenLab } from '../../servers/token-lab';
import type { CredentialFixture } from './cli';
import { basicToBearerCredential, passwordGrantCredential, tokenLoginCredential } from './lab-credentials';
import { currentLine } from './line';

/** AI Agent versions: the line's default (n8n's engine runs the tools), and 2.2 (LangChain runs them together). */
export const ENGINE_AGENT = currentLine().line === '2' ? 3.1 : 3;
export const CONCURRENT_AGENT = 2.2;
/** Tool calls the model asks for in one answer. */
export const PARALLEL = 5;
/** The arguments of the model's i-th tool call. */
export const item = (i: number) => ({ item: String(i) });

/** A lab per kind: a test revoking every token of its kind's lab leaves the other kinds' tokens alone. */
export interface Labs {
	basic: TokenLab;
	oauth: TokenLab;
	login: LoginLab;
}

export interface Kind {
	label: string;
	type: string;
	/** Token calls the endpoint answered with a token (logins, grants, refreshes). */
	issued(labs: Labs): number;
	/** Token calls the endpoint refused. */
	refused(labs: Labs): number;
	apiUrl(labs: Labs): string;
	credential(labs: Labs, overrides?: Record<string, unknown>): CredentialFixture;
	/**
	 * Settings no other credential of the spec has (a query parameter on the token URL the lab
	 * ignores): in one n8n process, credentials of equal settings share one held token.
	 */
	distinct(labs: Labs, use: string): Record<string, unknown>;
	revokeAll(labs: Labs): void;
}

export const kinds: Kind[] = [
	{
		label: 'Basic to Bearer',
		type: 'basicToBearerApi',
		issued: ({ basic }) => basic.counts.basicTokenCalls - basic.counts.basicRefused,
		refused: ({ basic }) => basic.counts.basicRefused,
		apiUrl: ({ basic }) => basic.apiUrl,
		credential: ({ basic }, o) => basicToBearerCredential(basic, o),
		distinct: ({ basic }, use) => ({ accessTokenUrl: `${basic.basicTokenUrl}?use=${use}` }),
		revokeAll: ({ basic }) => basic.revokeAllTokens(),
	},
	{
		label: 'OAuth2 Password Grant',
		type: 'passwordGrantOAuth2Api',
		issued: ({ oauth }) => oauth.counts.oauthPasswordCalls + oauth.counts.oauthRefreshCalls - oauth.counts.oauthRefused,
		refused: ({ oauth }) => oauth.counts.oauthRefused,
		apiUrl: ({ oauth }) => oauth.apiUrl,
		credential: ({ oauth }, o) => passwordGrantCredential(oauth, o),
		distinct: ({ oauth }, use) => ({ accessTokenUrl: `${oauth.oauthTokenUrl}?use=${use}` }),
		revokeAll: ({ oauth }) => oauth.revokeAllTokens(),
	},
	{
		label: 'Token Login API',
		type: 'tokenLoginApi',
		issued: ({ login }) => login.counts.loginCalls - login.counts.loginRefused,
		refused: ({ login }) => login.counts.loginRefused,
		apiUrl: ({ login }) => login.apiUrl,
		credential: ({ login }, o) => tokenLoginCredential(login, o),
		distinct: ({ login }, use) => ({ loginUrl: `${login.loginUrl}?use=${use}` }),
		revokeAll: ({ login }) => login.revokeAllTokens(),
	},
];

/** The three labs, started together; closed together as one spec server. */
export const startLabs = async (): Promise<Labs & { close(): Promise<void> }> => {
	const labs = { basic: await startTokenLab({ tokenDelayMs: 300 }), oauth: await startTokenLab({ tokenDelayMs: 300 }), login: await startLoginLab({ tokenDelayMs: 300 }) };
	return { ...labs, close: async () => void (await Promise.all(Object.values(labs).map((lab) => lab.close()))) };
};

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * The Basic (basic.tech) node's requests through n8n-core's own OAuth2 path
 * (`httpRequestWithAuthentication` -> `requestOAuth2`: a 401, a refresh with @n8n/client-oauth2,
 * one retry) against the Basic emulator: what the node says when Basic refuses the refresh.
 * n8n 1.x is covered end to end (test/e2e/basic-tech.e2e.test.ts).
 */
import 'reflect-metadata';
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { basicApiRequest, CREDENTIAL_TYPE } from '../../nodes/BasicTech/transport';
import { startBasicEmulator, type BasicEmulator } from '../servers/basic-emulator';
import { signInTokens } from '../servers/basic-emulator/sign-in';
import { StoredCredential } from './support/n8n-request-harness';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getRequestHelperFunctions } = require('n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers');

const PROJECT = 'proj-int';

let emu: BasicEmulator;
beforeEach(async () => (emu = await startBasicEmulator({ projects: { [PROJECT]: { todos: [] } } })));
afterEach(async () => await emu.close());

/** The Basic node's execute context: n8n-core's request helpers over one stored credential. */
function basicNode(stored: StoredCredential): IExecuteFunctions {
	const node: INode = {
		id: 'node-1',
		name: 'Basic',
		type: 'n8n-nodes-token-auth.basicTech',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Basic account' } },
	};
	// What n8n's CredentialsHelper does for an oAuth2Api child without preAuthentication.
	const credentialsHelper = {
		getParentTypes: () => ['oAuth2Api'],
		getDecrypted: async () => stored.read(),
		runPreAuthentication: async () => undefined,
		updateCredentialsOauthTokenData: async (_: unknown, __: string, credentials: ICredentialDataDecryptedObject) => stored.write(credentials),
	};
	const helpers = getRequestHelperFunctions({}, node, { credentialsHelper });
	return {
		helpers,
		getNode: () => node,
		getCredentials: async () => stored.read(),
		getMode: () => 'manual',
		logger: { warn: () => undefined, debug: () => undefined },
	} as unknown as IExecuteFunctions;
}

async function connected(overrides: ICredentialDataDecryptedObject = {}): Promise<StoredCredential> {
	return new StoredCredential({
		grantType: 'pkce',
		server: 'custom',
		baseUrl: emu.url,
		accessTokenUrl: `${emu.url}/auth/token`,
		clientId: PROJECT,
		clientSecret: '',
		scope: 'profile',
		authentication: 'body',
		oauthTokenData: (await signInTokens(emu, PROJECT)) as IDataObject,
		...overrides,
	});
}

async function failureOfCall(context: IExecuteFunctions): Promise<string> {
	try {
		await basicApiRequest.call(context, 'GET', '/auth/userInfo');
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('expected the call to fail, it succeeded');
}

describe("Basic node: a refused refresh in n8n-core's OAuth2 path", () => {
	it('refreshes on 401 and calls again (the path works before it fails)', async () => {
		const stored = await connected();
		emu.expireAccessTokens();
		await expect(basicApiRequest.call(basicNode(stored), 'GET', '/auth/userInfo')).resolves.toMatchObject({ id: 'user-1' });
		expect(emu.state.tokenRequests.filter((t) => t.grantType === 'refresh_token').map((t) => t.ok)).toEqual([true]);
		expect(stored.writes).toBe(1);
	});

	it("says n8n's own words for a revoked refresh token (invalid_grant), never \"no message\"", async () => {
		const stored = await connected();
		emu.revokeRefreshTokens('The refresh token was revoked: the account signed out everywhere');
		emu.expireAccessTokens();
		const message = await failureOfCall(basicNode(stored));
		// n8n-core 2.x turns invalid_grant into its own error and drops Basic's answer.
		expect(message).toBe('The request to Basic failed: The credential "Basic account" needs to be reconnected.');
		expect(emu.state.tokenRequests.filter((t) => t.grantType === 'refresh_token').map((t) => t.error)).toEqual(['invalid_grant']);
		expect(stored.writes).toBe(0);
	});

	it("reads Basic's answer from client-oauth2's AuthError for any other refusal", async () => {
		// A client id other than the refresh token's: Basic answers 400 invalid_client.
		const stored = await connected({ clientId: 'other-project' });
		emu.expireAccessTokens();
		const message = await failureOfCall(basicNode(stored));
		expect(message).toBe('Basic returned an error: client_id does not match the refresh token');
		expect(emu.state.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', error: 'invalid_client' });
	});
});

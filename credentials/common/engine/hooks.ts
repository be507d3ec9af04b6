import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { takeHeader } from '../placement';
import type { SchemeSettings, TokenScheme } from '../schemes';
import { TokenEngine } from './engine';
import { tokenSourceOf } from './token-source';

/** The credential test sends this header; `authenticate` turns that request into a real login. */
export const CREDENTIAL_TEST_HEADER = 'x-token-auth-credential-test';

/**
 * The three members an exchanging credential class takes from the engine. n8n calls
 * `preAuthentication` with the request helpers as `this`, not the class instance, so the hooks
 * close over their engine instead of reading it from the class.
 */
export function tokenHooks<Settings extends SchemeSettings>(
	scheme: TokenScheme<Settings>,
	/** The field holding the URL the Test button logs in at (it must be a URL the login uses). */
	testUrlField = 'accessTokenUrl',
) {
	const engine = new TokenEngine(scheme);
	return {
		async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
			return await engine.preAuthentication(this, credentials);
		},
		async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) {
			if (takeHeader(requestOptions, CREDENTIAL_TEST_HEADER) !== undefined) return credentialTestLogin(scheme, credentials, requestOptions);
			return await engine.authenticate(credentials, requestOptions);
		},
		/** The editor's Test button logs in at the token URL (see `credentialTestLogin`). */
		test: {
			request: { url: `={{$credentials.${testUrlField}}}`, headers: { [CREDENTIAL_TEST_HEADER]: 'login' } },
		} as ICredentialTestRequest,
	};
}

/**
 * The editor's Test request, turned into the real login so the Test proves the login, not an
 * API call. n8n sends this one itself, with its own redirect following off: that following would
 * carry the login to any origin.
 */
function credentialTestLogin<Settings extends SchemeSettings>(
	scheme: TokenScheme<Settings>,
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const source = tokenSourceOf(scheme, credentials);
	const login = { ...requestOptions, ...source.loginRequest(), disableFollowRedirect: true };
	return source.proof?.proveTestLogin(login) ?? login;
}

import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

import type { SchemeSettings, TokenScheme } from '../schemes';
import { CREDENTIAL_TEST_HEADER, TokenEngine } from './engine';

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
			return await engine.authenticate(credentials, requestOptions);
		},
		/** The editor's Test button logs in at the token URL (see TokenEngine.authenticate). */
		test: {
			request: { url: `={{$credentials.${testUrlField}}}`, headers: { [CREDENTIAL_TEST_HEADER]: 'login' } },
		} as ICredentialTestRequest,
	};
}

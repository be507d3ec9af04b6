import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { CREDENTIAL_TEST_HEADER, TokenEngine } from './engine';
import type { ExchangeSettings, TokenExchange } from '../schemes/scheme';

/**
 * The three members an exchanging credential class takes from the engine. n8n calls
 * `preAuthentication` with the request helpers as `this`, not the class instance, so the hooks
 * close over their engine instead of reading it from the class.
 */
export function tokenExchangeHooks<Settings extends ExchangeSettings>(
	exchange: TokenExchange<Settings>,
	/** The field holding the URL the Test button logs in at (it must be a URL the login uses). */
	testUrlField = 'accessTokenUrl',
) {
	const engine = new TokenEngine(exchange);
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

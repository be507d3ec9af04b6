import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { TokenEngine, TokenStore } from '../../../credentials/common/engine';
import { TokenAuthError } from '../../../credentials/common/errors';
import { authorizationPlacement } from '../../../credentials/common/placement';
import type { SchemeSettings, TokenScheme } from '../../../credentials/common/schemes';

/** A scheme that logs in at /login and refreshes at /refresh; its response reader is given per test. */
function schemeReading(readResponse: TokenScheme<SchemeSettings>['readResponse']): TokenScheme<SchemeSettings> {
	return {
		typeName: 'engineTest',
		readSettings: () => ({ identity: ['x'], secrets: [], placement: authorizationPlacement({}) }),
		loginRequest: () => ({ url: 'http://127.0.0.1/login', method: 'POST' }),
		refreshRequest: (_settings, refreshToken) => ({ url: 'http://127.0.0.1/refresh', method: 'POST', body: refreshToken }),
		readResponse,
	};
}

/** n8n's request helper, answering every token call with 200 and recording the URLs called. */
function helpersRecording(urls: string[]): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (request: IHttpRequestOptions) => {
				urls.push(request.url);
				return { statusCode: 200, headers: {}, body: request.url };
			},
		},
	} as unknown as IHttpRequestHelper;
}

describe('TokenEngine: the refresh path', () => {
	let now = 1_000_000;
	const clock = () => now;

	async function engineHoldingARefreshToken(readResponse: TokenScheme<SchemeSettings>['readResponse'], urls: string[]) {
		const engine = new TokenEngine(schemeReading(readResponse), { store: new TokenStore(() => 0), clock });
		const stored = await engine.preAuthentication(helpersRecording(urls), {});
		now += 10 * 60_000; // past the 60 s lifetime: the next request renews
		return { engine, stored };
	}

	it('logs in again when the refresh is refused (a TokenAuthError)', async () => {
		const urls: string[] = [];
		const { engine, stored } = await engineHoldingARefreshToken((_s, response) => {
			if (String(response.body).endsWith('/refresh')) throw new TokenAuthError('LOGIN_REFUSED', 'refused');
			return { accessToken: `token-${urls.length}`, expiresInSeconds: 60, refreshToken: 'r1' };
		}, urls);
		const renewed = await engine.preAuthentication(helpersRecording(urls), { ...stored } as ICredentialDataDecryptedObject);
		expect(urls.map((url) => new URL(url).pathname)).toEqual(['/login', '/refresh', '/login']);
		expect(renewed.accessToken).toBe('token-3');
	});

	it('lets a bug while reading the refresh response show instead of turning it into a fresh login', async () => {
		const urls: string[] = [];
		const { engine, stored } = await engineHoldingARefreshToken((_s, response) => {
			if (String(response.body).endsWith('/refresh')) throw new TypeError('a bug in a response reader');
			return { accessToken: 'token-1', expiresInSeconds: 60, refreshToken: 'r1' };
		}, urls);
		await expect(engine.preAuthentication(helpersRecording(urls), { ...stored } as ICredentialDataDecryptedObject)).rejects.toThrow(TypeError);
		expect(urls.map((url) => new URL(url).pathname)).toEqual(['/login', '/refresh']);
	});
});

describe('TokenEngine: placing the token', () => {
	it('puts the held token where the settings place it', async () => {
		const scheme = schemeReading(() => ({ accessToken: 'abc', expiresInSeconds: 60 }));
		scheme.readSettings = () => ({ identity: ['y'], secrets: [], placement: { sendAs: 'query', parameterName: 'key' } });
		const engine = new TokenEngine(scheme, { store: new TokenStore(() => 0) });
		const credentials = {};
		await engine.preAuthentication(helpersRecording([]), credentials);
		const request = await engine.authenticate(credentials, { url: 'http://127.0.0.1/api', qs: { page: 1 } });
		expect(request.qs).toEqual({ page: 1, key: 'abc' });
		expect(request.headers).toBeUndefined();
	});
});

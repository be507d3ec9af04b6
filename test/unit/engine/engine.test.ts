import { RenewalTiming, TokenEngine, TokenStore } from '../../../credentials/common/engine';
import { authorizationPlacement } from '../../../credentials/common/fields';
import type { SchemeSettings, TokenScheme } from '../../../credentials/common/schemes';
import { helpersRecording } from './recording-helpers';

/** A scheme that logs in at /login; its response reader is given per test. */
function schemeReading(readResponse: TokenScheme<SchemeSettings>['readResponse']): TokenScheme<SchemeSettings> {
	return {
		typeName: 'engineTest',
		readSettings: () => ({ identity: ['x'], secrets: [], placement: authorizationPlacement({}) }),
		tokenUrl: () => 'http://127.0.0.1/login',
		loginRequest: () => ({ url: 'http://127.0.0.1/login', method: 'POST' }),
		readResponse,
	};
}

describe('TokenEngine: placing the token', () => {
	it('puts the held token where the settings place it', async () => {
		const scheme = schemeReading(() => ({ accessToken: 'abc', expiresInSeconds: 60 }));
		scheme.readSettings = () => ({ identity: ['y'], secrets: [], placement: { sendAs: 'query', parameterName: 'key' } });
		const engine = new TokenEngine(scheme, { tokens: { store: new TokenStore(), timing: new RenewalTiming(() => 0) } });
		const credentials = {};
		await engine.preAuthentication(helpersRecording([]), credentials);
		const request = await engine.authenticate(credentials, { url: 'http://127.0.0.1/api', qs: { page: 1 } });
		expect(request.qs).toEqual({ page: 1, key: 'abc' });
		expect(request.headers).toBeUndefined();
	});

	it("lets a scheme that signs requests put the held token on them itself (applyToken), with no placement", async () => {
		const scheme = schemeReading(() => ({ accessToken: 'held-keys', expiresInSeconds: 60 }));
		scheme.readSettings = () => ({ identity: ['z'], secrets: [] });
		scheme.applyToken = (_settings, requestOptions, token) => ({ ...requestOptions, headers: { 'x-signed-with': token } });
		const engine = new TokenEngine(scheme, { tokens: { store: new TokenStore(), timing: new RenewalTiming(() => 0) } });
		const credentials = {};
		await engine.preAuthentication(helpersRecording([]), credentials);
		const request = await engine.authenticate(credentials, { url: 'http://127.0.0.1/api' });
		expect(request.headers).toEqual({ 'x-signed-with': 'held-keys' });
	});
});

describe('TokenEngine: reading the settings', () => {
	it('reads them once for every request with the same field values, and again once a field is edited', async () => {
		const scheme = schemeReading(() => ({ accessToken: 'abc', expiresInSeconds: 600 }));
		let reads = 0;
		scheme.readSettings = (credentials) => {
			reads++;
			return { identity: [credentials.url], secrets: [], placement: authorizationPlacement({}) };
		};
		const engine = new TokenEngine(scheme, { tokens: { store: new TokenStore(), timing: new RenewalTiming(() => 0) } });
		const helpers = helpersRecording([]);
		// n8n decrypts a new copy of the credential before every request; the stored token fields change.
		for (const accessToken of ['', 'abc', 'abc']) {
			const credentials = { url: 'http://127.0.0.1/a', accessToken };
			await engine.preAuthentication(helpers, credentials);
			await engine.authenticate(credentials, { url: 'http://127.0.0.1/api' });
		}
		expect(reads).toBe(1);
		const edited = { url: 'http://127.0.0.1/b', accessToken: 'abc' };
		await engine.preAuthentication(helpers, edited);
		expect(reads).toBe(2);
		expect((await engine.authenticate(edited, { url: 'http://127.0.0.1/api' })).headers).toEqual({ Authorization: 'Bearer abc' });
	});
});

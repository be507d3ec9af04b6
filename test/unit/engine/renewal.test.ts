import { TokenRenewal, type TokenSource } from '../../../credentials/common/engine/renewal';
import { TokenStore } from '../../../credentials/common/engine/store';
import { TokenAuthError } from '../../../credentials/common/errors';
import { helpersRecording } from './recording-helpers';

/** A source that logs in at /login and refreshes at /refresh; its response reader is given per test. */
function sourceReading(readResponse: TokenSource['readResponse']): TokenSource {
	return {
		credentialType: 'renewalTest',
		fingerprint: 'fp',
		tokenUrl: 'http://127.0.0.1/login',
		loginRequest: () => ({ url: 'http://127.0.0.1/login', method: 'POST' }),
		refreshRequest: (refreshToken) => ({ url: 'http://127.0.0.1/refresh', method: 'POST', body: refreshToken }),
		readResponse,
	};
}

describe('TokenRenewal: the refresh path', () => {
	let now = 1_000_000;
	const clock = () => now;

	async function renewalHoldingARefreshToken(readResponse: TokenSource['readResponse'], urls: string[]) {
		const renewal = new TokenRenewal(new TokenStore(), { clock });
		await renewal.renew(helpersRecording(urls), sourceReading(readResponse));
		now += 10 * 60_000; // past the 60 s lifetime
		return renewal;
	}

	it('logs in again when the refresh is refused (a TokenAuthError)', async () => {
		const urls: string[] = [];
		const readResponse: TokenSource['readResponse'] = (response) => {
			if (String(response.body).endsWith('/refresh')) throw new TokenAuthError('LOGIN_REFUSED', 'refused');
			return { accessToken: `token-${urls.length}`, expiresInSeconds: 60, refreshToken: 'r1' };
		};
		const renewal = await renewalHoldingARefreshToken(readResponse, urls);
		const renewed = await renewal.renew(helpersRecording(urls), sourceReading(readResponse));
		expect(urls.map((url) => new URL(url).pathname)).toEqual(['/login', '/refresh', '/login']);
		expect(renewed.state.accessToken).toBe('token-3');
	});

	it('lets a bug while reading the refresh response show instead of turning it into a fresh login', async () => {
		const urls: string[] = [];
		const readResponse: TokenSource['readResponse'] = (response) => {
			if (String(response.body).endsWith('/refresh')) throw new TypeError('a bug in a response reader');
			return { accessToken: 'token-1', expiresInSeconds: 60, refreshToken: 'r1' };
		};
		const renewal = await renewalHoldingARefreshToken(readResponse, urls);
		await expect(renewal.renew(helpersRecording(urls), sourceReading(readResponse))).rejects.toThrow(TypeError);
		expect(urls.map((url) => new URL(url).pathname)).toEqual(['/login', '/refresh']);
	});
});

describe('TokenRenewal: a proof of possession', () => {
	/** A source whose token calls are bound to key `k<n>` (a new one unless the held token has one). */
	function boundSource(bindings: Array<string | undefined>): TokenSource {
		let made = 0;
		return {
			...sourceReading(() => ({ accessToken: `token-${made}`, expiresInSeconds: 60, refreshToken: 'r1' })),
			proof: {
				bindTokenCall: (call, held) => {
					bindings.push(held?.proofKey);
					return { call, proofKey: held?.proofKey ?? `k${++made}` };
				},
			},
		};
	}

	it('keeps the key of the login with its token, and binds the refresh to the held token\'s key', async () => {
		let now = 1_000_000;
		const bindings: Array<string | undefined> = [];
		const store = new TokenStore();
		const renewal = new TokenRenewal(store, { clock: () => now });
		const source = boundSource(bindings);
		const first = await renewal.renew(helpersRecording([]), source);
		expect(first.state.proofKey).toBe('k1');
		now += 10 * 60_000;
		const second = await renewal.renew(helpersRecording([]), source);
		expect(bindings).toEqual([undefined, 'k1']);
		expect(second.state).toMatchObject({ proofKey: 'k1', fingerprint: 'fp' });
		expect(store.get('fp')?.proofKey).toBe('k1');
	});
});

describe('failures n8n refused itself', () => {
	let now = 1_000;
	const clock = () => now;

	it('remembers no BLOCKED failure (nothing was sent): the next caller tries again', async () => {
		const renewal = new TokenRenewal(new TokenStore(), { clock });
		const urls: string[] = [];
		const blocked = sourceReading(() => {
			throw new TokenAuthError('BLOCKED', 'blocked by SSRF protection');
		});
		await expect(renewal.renew(helpersRecording(urls), blocked)).rejects.toThrow('blocked by SSRF protection');
		now += 1;
		expect(renewal.blockingFailure('fp')).toBeUndefined();
		await expect(renewal.renew(helpersRecording(urls), blocked)).rejects.toThrow('blocked by SSRF protection');
		expect(urls).toHaveLength(2);
	});

	it('still remembers a refused login', async () => {
		const renewal = new TokenRenewal(new TokenStore(), { clock });
		const refused = sourceReading(() => {
			throw new TokenAuthError('LOGIN_REFUSED', 'refused');
		});
		await expect(renewal.renew(helpersRecording([]), refused)).rejects.toThrow('refused');
		now += 1;
		expect(renewal.blockingFailure('fp')?.reason).toBe('LOGIN_REFUSED');
	});
});

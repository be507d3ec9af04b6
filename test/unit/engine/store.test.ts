import { FOLLOWER_MARGIN_SHARE, REJECTION_RENEWAL_COOLDOWN_MS, TokenStore } from '../../../credentials/common/engine/store';
import { TokenAuthError } from '../../../credentials/common/errors';
import { renewalDue, tokenStateFrom, type TokenState } from '../../../credentials/common/engine/state';

// A 10 s token has a 2 s renewal margin: it is due at 8 s for the process that renews first.
const token = (accessToken: string, obtainedAt: number): TokenState =>
	tokenStateFrom({ accessToken, expiresInSeconds: 10 }, 'fp', obtainedAt);

/** One n8n process (a queue-mode worker): its store and the token it got by its own exchange. */
async function processThatRenewed(state: TokenState, random = 0.5): Promise<TokenStore> {
	const store = new TokenStore(() => random);
	await store.renew('fp', async () => state, () => state.obtainedAt);
	return store;
}

/** The first instant (ms, 10 ms steps) at which the store's process finds the held token due. */
function renewalPoint(store: TokenStore): number {
	const held = store.current('fp') as TokenState;
	for (let now = held.obtainedAt; ; now += 10) if (renewalDue(held, now, store.renewalShare('fp'))) return now;
}

describe('renewal timing across processes sharing one stored credential', () => {
	it('renews at the start of the margin in the process that got the token, and in a process that just started', async () => {
		expect(renewalPoint(await processThatRenewed(token('a', 0)))).toBe(8_000);
		const restarted = new TokenStore(() => 0.5);
		restarted.adopt(token('a', 0));
		expect(renewalPoint(restarted)).toBe(8_000);
	});

	it('renews late in a process that loaded a token another process renewed, so it adopts the next one instead', async () => {
		const follower = await processThatRenewed(token('old', -10_000));
		follower.adopt(token('new', 0));
		expect(follower.current('fp')?.accessToken).toBe('new');
		const point = renewalPoint(follower);
		expect(point).toBeGreaterThanOrEqual(10_000 - 2_000 * FOLLOWER_MARGIN_SHARE.max);
		expect(point).toBeLessThanOrEqual(10_000 - 2_000 * FOLLOWER_MARGIN_SHARE.min);
	});

	it('spreads the late renewal points of processes apart (one draw per process)', async () => {
		const points = [];
		for (const random of [0, 0.5, 0.99]) {
			const follower = await processThatRenewed(token('old', -10_000), random);
			follower.adopt(token('new', 0));
			points.push(renewalPoint(follower));
		}
		expect(new Set(points).size).toBe(3);
	});

	it('leaves one process renewing first after two renewed in the same round: the one whose token was stored', async () => {
		const stored = await processThatRenewed(token('a', 0));
		const raced = await processThatRenewed(token('b', 40));
		// Both load the stored credential ('a' was written last): 'b' keeps its newer token but yields.
		stored.adopt(token('a', 0));
		raced.adopt(token('a', 0));
		expect(raced.current('fp')?.accessToken).toBe('b');
		expect(renewalPoint(stored)).toBe(8_000);
		expect(renewalPoint(raced)).toBeGreaterThan(8_040);
	});

	it('does not yield to a stored token of an earlier round (an execution that loaded before the renewal)', async () => {
		const renewed = await processThatRenewed(token('new', 0));
		renewed.adopt(token('old', -10_000));
		expect(renewed.current('fp')?.accessToken).toBe('new');
		expect(renewalPoint(renewed)).toBe(8_000);
	});
});

describe('renewing after a rejected request', () => {
	it('renews for a rejected token got by an ordinary renewal, however recent the last rejection', async () => {
		const store = await processThatRenewed(token('a', 0));
		store.markRenewedAfterRejection('fp', token('b', 100), 100);
		// 'c' came from an ordinary renewal; a strict server revoked it when another process reused a refresh token.
		expect(store.mayRenewAfterRejection('fp', 'c', 200)).toBe(true);
	});

	it('does not renew again when the token got by renewing after a rejection is rejected too (the API rejects every token)', async () => {
		const store = await processThatRenewed(token('a', 0));
		store.markRenewedAfterRejection('fp', token('b', 100), 100);
		expect(store.mayRenewAfterRejection('fp', 'b', 200)).toBe(false);
		expect(store.mayRenewAfterRejection('fp', 'b', 100 + REJECTION_RENEWAL_COOLDOWN_MS - 1)).toBe(false);
		// ...and at most once per cooldown after that.
		expect(store.mayRenewAfterRejection('fp', 'b', 100 + REJECTION_RENEWAL_COOLDOWN_MS)).toBe(true);
	});

	it('renews for a first rejection', () => {
		expect(new TokenStore().mayRenewAfterRejection('fp', 'a', 0)).toBe(true);
	});
});

describe('failures n8n refused itself', () => {
	it('remembers no BLOCKED failure (nothing was sent): the next caller tries again', async () => {
		const store = new TokenStore(() => 0);
		let calls = 0;
		const blocked = async () => {
			calls++;
			throw new TokenAuthError('BLOCKED', 'blocked by SSRF protection');
		};
		await expect(store.renew('fp', blocked, () => 1_000)).rejects.toThrow('blocked by SSRF protection');
		expect(store.blockingFailure('fp', 1_001)).toBeUndefined();
		await expect(store.renew('fp', blocked, () => 1_002)).rejects.toThrow('blocked by SSRF protection');
		expect(calls).toBe(2);
	});

	it('still remembers a refused login', async () => {
		const store = new TokenStore(() => 0);
		const refused = async () => {
			throw new TokenAuthError('LOGIN_REFUSED', 'refused');
		};
		await expect(store.renew('fp', refused, () => 1_000)).rejects.toThrow('refused');
		expect(store.blockingFailure('fp', 1_001)?.reason).toBe('LOGIN_REFUSED');
	});
});

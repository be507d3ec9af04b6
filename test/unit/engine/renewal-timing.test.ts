import { FOLLOWER_MARGIN_SHARE, REJECTION_RENEWAL_COOLDOWN_MS, RenewalTiming } from '../../../credentials/common/engine/renewal-timing';
import { renewalDue, tokenStateFrom, type TokenState } from '../../../credentials/common/engine/state';
import { TokenStore } from '../../../credentials/common/engine/store';

// A 10 s token has a 2 s renewal margin: it is due at 8 s for the process that renews first.
const token = (accessToken: string, obtainedAt: number): TokenState =>
	tokenStateFrom({ accessToken, expiresInSeconds: 10 }, 'fp', obtainedAt);

/** One n8n process (a queue-mode worker): its held tokens, its timing, and the token it got by its own login. */
class Process {
	readonly store = new TokenStore();
	readonly timing: RenewalTiming;
	constructor(random: number) {
		this.timing = new RenewalTiming(() => random);
	}
	adopt(state: TokenState) {
		this.timing.adopt(this.store, state);
	}
	current(fingerprint: string) {
		return this.store.get(fingerprint);
	}
}

function processThatRenewed(state: TokenState, random = 0.5): Process {
	const worker = new Process(random);
	worker.store.set(state);
	worker.timing.renewedHere(state.fingerprint);
	return worker;
}

/** The first instant (ms, 10 ms steps) at which the process finds the held token due. */
function renewalPoint(worker: Process): number {
	const held = worker.current('fp') as TokenState;
	for (let now = held.obtainedAt; ; now += 10) if (renewalDue(held, now, worker.timing.renewalShare('fp'))) return now;
}

describe('renewal timing across processes sharing one stored credential', () => {
	it('renews at the start of the margin in the process that got the token, and in a process that just started', () => {
		expect(renewalPoint(processThatRenewed(token('a', 0)))).toBe(8_000);
		const restarted = new Process(0.5);
		restarted.adopt(token('a', 0));
		expect(renewalPoint(restarted)).toBe(8_000);
	});

	it('renews late in a process that loaded a token another process renewed, so it adopts the next one instead', () => {
		const follower = processThatRenewed(token('old', -10_000));
		follower.adopt(token('new', 0));
		expect(follower.current('fp')?.accessToken).toBe('new');
		const point = renewalPoint(follower);
		expect(point).toBeGreaterThanOrEqual(10_000 - 2_000 * FOLLOWER_MARGIN_SHARE.max);
		expect(point).toBeLessThanOrEqual(10_000 - 2_000 * FOLLOWER_MARGIN_SHARE.min);
	});

	it('spreads the late renewal points of processes apart (one draw per process)', () => {
		const points = [];
		for (const random of [0, 0.5, 0.99]) {
			const follower = processThatRenewed(token('old', -10_000), random);
			follower.adopt(token('new', 0));
			points.push(renewalPoint(follower));
		}
		expect(new Set(points).size).toBe(3);
	});

	it('leaves one process renewing first after two renewed in the same round: the one whose token was stored', () => {
		const stored = processThatRenewed(token('a', 0));
		const raced = processThatRenewed(token('b', 40));
		// Both load the stored credential ('a' was written last): 'b' keeps its newer token but yields.
		stored.adopt(token('a', 0));
		raced.adopt(token('a', 0));
		expect(raced.current('fp')?.accessToken).toBe('b');
		expect(renewalPoint(stored)).toBe(8_000);
		expect(renewalPoint(raced)).toBeGreaterThan(8_040);
	});

	it('does not yield to a stored token of an earlier round (an execution that loaded before the renewal)', () => {
		const renewed = processThatRenewed(token('new', 0));
		renewed.adopt(token('old', -10_000));
		expect(renewed.current('fp')?.accessToken).toBe('new');
		expect(renewalPoint(renewed)).toBe(8_000);
	});
});

describe('renewing after a rejected request', () => {
	it('renews for a rejected token got by an ordinary renewal, however recent the last rejection', () => {
		const worker = processThatRenewed(token('a', 0));
		worker.timing.markRenewedAfterRejection('fp', token('b', 100), 100);
		// 'c' came from an ordinary renewal; a strict server revoked it when another process reused a refresh token.
		expect(worker.timing.mayRenewAfterRejection('fp', 'c', 200)).toBe(true);
	});

	it('does not renew again when the token got by renewing after a rejection is rejected too (the API rejects every token)', () => {
		const worker = processThatRenewed(token('a', 0));
		worker.timing.markRenewedAfterRejection('fp', token('b', 100), 100);
		expect(worker.timing.mayRenewAfterRejection('fp', 'b', 200)).toBe(false);
		expect(worker.timing.mayRenewAfterRejection('fp', 'b', 100 + REJECTION_RENEWAL_COOLDOWN_MS - 1)).toBe(false);
		// ...and at most once per cooldown after that.
		expect(worker.timing.mayRenewAfterRejection('fp', 'b', 100 + REJECTION_RENEWAL_COOLDOWN_MS)).toBe(true);
	});

	it('renews for a first rejection', () => {
		expect(new RenewalTiming().mayRenewAfterRejection('fp', 'a', 0)).toBe(true);
	});
});

// Token calls grouped into renewal rounds: calls less than half a lifetime apart are one round.
// Ideal is one token issued per round per credential; more means several workers renewed it.
export interface Round {
	at: number;
	/** Token requests in the round (refused refreshes included). */
	calls: number;
	/** Tokens the endpoint issued (answers 200). */
	issued: number;
}

export interface Rounds {
	rounds: Round[];
	maxIssued: number;
	/** Mean tokens issued per round after the cold start (the first round). */
	steadyMeanIssued: number;
}

export function renewalRounds(requests: Array<{ at: number; status?: number }>, lifetimeMs: number): Rounds {
	const rounds: Round[] = [];
	for (const r of [...requests].sort((a, b) => a.at - b.at)) {
		let last = rounds[rounds.length - 1];
		if (last === undefined || r.at - last.at >= lifetimeMs / 2) rounds.push((last = { at: r.at, calls: 0, issued: 0 }));
		last.calls++;
		if (r.status === 200) last.issued++;
	}
	const steady = rounds.slice(1);
	return {
		rounds,
		maxIssued: Math.max(0, ...rounds.map((r) => r.issued)),
		steadyMeanIssued: steady.length === 0 ? 0 : steady.reduce((sum, r) => sum + r.issued, 0) / steady.length,
	};
}

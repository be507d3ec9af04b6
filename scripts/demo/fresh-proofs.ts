// The verdict on a credential that proves each request afresh (an HMAC or SigV4 signature, a
// self-signed JWT) instead of sending a token: every API call's proof accepted by the server, and
// no two calls carrying the same proof.

/** One API call's proof as the server judged it. */
export interface ProofSeen {
	proof: string;
	accepted: boolean;
	/** Why the server refused it. */
	reason?: string;
}

/** `HMAC-SHA256 signatures verified: 5 of 5, all distinct`. */
export function describeProofs(name: string, seen: ProofSeen[]): string {
	const accepted = seen.filter((call) => call.accepted).length;
	const repeated = seen.length - new Set(seen.map((call) => call.proof)).size;
	return `${name} verified: ${accepted} of ${seen.length}, ${repeated === 0 ? 'all distinct' : `${repeated} repeated`}`;
}

/** What is wrong with a run's proofs: none seen, one refused, one used twice. */
export function freshProofProblems(name: string, seen: ProofSeen[]): string[] {
	const problems = seen.length ? [] : [`no ${name} reached the server`];
	for (const call of seen.filter((one) => !one.accepted)) problems.push(`the server refused one of the ${name}: ${call.reason ?? 'no reason given'}`);
	const repeated = seen.length - new Set(seen.map((call) => call.proof)).size;
	if (repeated > 0) problems.push(`${repeated} of the ${name} repeated an earlier one; each request should carry a new one`);
	return problems;
}

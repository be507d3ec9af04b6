import { describeProofs, freshProofProblems } from '../../../scripts/demo/fresh-proofs';

describe('fresh proofs: the demo verdict on the signing credentials', () => {
	const accepted = (proof: string) => ({ proof, accepted: true });

	it('all accepted and distinct: said so, no problem', () => {
		const seen = ['a', 'b', 'c'].map(accepted);
		expect(describeProofs('signatures', seen)).toBe('signatures verified: 3 of 3, all distinct');
		expect(freshProofProblems('signatures', seen)).toEqual([]);
	});

	it('a refused proof and a repeated one are both problems, with the server\'s reason', () => {
		const seen = [accepted('a'), accepted('a'), { proof: 'b', accepted: false, reason: 'stale timestamp (90000 ms)' }];
		expect(describeProofs('JWTs', seen)).toBe('JWTs verified: 2 of 3, 1 repeated');
		expect(freshProofProblems('JWTs', seen)).toEqual([
			'the server refused one of the JWTs: stale timestamp (90000 ms)',
			'1 of the JWTs repeated an earlier one; each request should carry a new one',
		]);
	});

	it('no request reaching the server is a problem, not a pass', () => {
		expect(freshProofProblems('signatures', [])).toEqual(['no signatures reached the server']);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// Benchmark helper (not a test): where an `n8n execute` process spent its CPU, from the V8 CPU
// profile scripts/benchmark-profile-preload.ts writes. Each sample goes to one share, by the
// frames on its stack: the package's code (anything it calls included), n8n's own handling of the
// credential (reading it for the request and again to scrub its values from what the HTTP Request
// node reports), or the rest (n8n's boot, the node, the HTTP client, the garbage collector).
import { readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { join } from 'path';

/** The parts of a `.cpuprofile` this reads. */
export interface CpuProfile {
	nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
	samples: number[];
	timeDeltas: number[];
}

export interface CpuShares {
	/** Samples with a frame of the package's code on the stack. */
	packageMs: number;
	/** The rest of the samples with n8n's credential handling on the stack. */
	n8nCredentialMs: number;
	/** Every sample but idle ones. */
	busyMs: number;
}

/** n8n's per-request work on a credential, whatever its type: decrypting and resolving its fields, scrubbing its values. */
const N8N_CREDENTIAL_FRAMES: Array<{ functionName: string; file: string }> = [
	{ functionName: 'getDecrypted', file: 'credentials-helper.js' },
	{ functionName: 'getSecrets', file: 'HttpRequest/GenericFunctions.js' },
	{ functionName: 'sanitizeUiMessage', file: 'HttpRequest/GenericFunctions.js' },
];
const PACKAGE_PATH = '/n8n-nodes-token-auth/';

export function cpuShares(profile: CpuProfile): CpuShares {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	type Share = 'packageMs' | 'n8nCredentialMs' | 'rest' | 'idle';
	const shareOf = new Map<number, Share>();
	const classify = (leaf: number): Share => {
		const known = shareOf.get(leaf);
		if (known !== undefined) return known;
		let share: Share = byId.get(leaf)?.callFrame.functionName === '(idle)' ? 'idle' : 'rest';
		for (let id: number | undefined = leaf; id !== undefined && share !== 'packageMs'; id = parent.get(id)) {
			const frame = byId.get(id)!.callFrame;
			if (frame.url.includes(PACKAGE_PATH)) share = 'packageMs';
			else if (N8N_CREDENTIAL_FRAMES.some((f) => f.functionName === frame.functionName && frame.url.endsWith(f.file))) share = 'n8nCredentialMs';
		}
		shareOf.set(leaf, share);
		return share;
	};
	const shares: CpuShares = { packageMs: 0, n8nCredentialMs: 0, busyMs: 0 };
	profile.samples.forEach((leaf, index) => {
		const share = classify(leaf);
		if (share === 'idle') return;
		const ms = (profile.timeDeltas[index] ?? 0) / 1000;
		shares.busyMs += ms;
		if (share !== 'rest') shares[share] += ms;
	});
	return { packageMs: Math.round(shares.packageMs), n8nCredentialMs: Math.round(shares.n8nCredentialMs), busyMs: Math.round(shares.busyMs) };
}

/**
 * The `n8n execute` process's profile in the folder given to the preload (the largest, should
 * another process write one); the folder is removed once read.
 */
export function takeExecuteProfile(dir: string): CpuProfile {
	const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')).map((name) => join(dir, name));
	if (files.length === 0) throw new Error(`no CPU profile in ${dir}: n8n ran without the profile preload, or did not end with process.exit()`);
	const largest = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
	const profile = JSON.parse(readFileSync(largest, 'utf8')) as CpuProfile;
	rmSync(dir, { recursive: true, force: true });
	return profile;
}

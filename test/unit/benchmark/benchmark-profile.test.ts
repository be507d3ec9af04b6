import { cpuShares, type CpuProfile } from '../../../scripts/benchmark-profile';

/** A profile from stacks (root first) and the µs each sample took. */
function profileOf(samples: Array<{ stack: Array<[string, string]>; us: number }>): CpuProfile {
	const nodes: CpuProfile['nodes'] = [{ id: 1, callFrame: { functionName: '(root)', url: '' }, children: [] }];
	const ids: number[] = [];
	for (const { stack } of samples) {
		let parent = nodes[0];
		for (const [functionName, url] of stack) {
			let node = nodes.find((n) => parent.children!.includes(n.id) && n.callFrame.functionName === functionName && n.callFrame.url === url);
			if (node === undefined) {
				node = { id: nodes.length + 1, callFrame: { functionName, url }, children: [] };
				nodes.push(node);
				parent.children!.push(node.id);
			}
			parent = node;
		}
		ids.push(parent.id);
	}
	return { nodes, samples: ids, timeDeltas: samples.map((s) => s.us) };
}

const n8nRequest: [string, string] = ['requestWithAuthentication', 'file:///n8n/node_modules/n8n-core/dist/request-helper-functions.js'];
const ourHook: [string, string] = ['authenticate', 'file:///home/.n8n/nodes/node_modules/n8n-nodes-token-auth/dist/credentials/common/engine/hooks.js'];
const nodeCrypto: [string, string] = ['sign', 'node:crypto'];
const decrypted: [string, string] = ['getDecrypted', 'file:///n8n/node_modules/n8n/dist/credentials-helper.js'];
const scrub: [string, string] = ['sanitizeUiMessage', 'file:///n8n/node_modules/n8n-nodes-base/dist/nodes/HttpRequest/GenericFunctions.js'];

describe('cpuShares', () => {
	it("counts a sample for the package when its code is anywhere on the stack, what it calls included", () => {
		const shares = cpuShares(profileOf([
			{ stack: [n8nRequest, ourHook, nodeCrypto], us: 3000 },
			{ stack: [n8nRequest, ourHook], us: 1000 },
			{ stack: [n8nRequest], us: 1000 },
		]));
		expect(shares).toEqual({ packageMs: 4, n8nCredentialMs: 0, busyMs: 5 });
	});

	it("counts n8n's decrypting and scrubbing of the credential apart, and leaves idle time out", () => {
		const shares = cpuShares(profileOf([
			{ stack: [n8nRequest, decrypted, ['decrypt', 'file:///n8n/node_modules/n8n-core/dist/cipher.js']], us: 2000 },
			{ stack: [scrub], us: 1000 },
			{ stack: [['getDecrypted', 'file:///elsewhere/other.js']], us: 4000 },
			{ stack: [['(idle)', '']], us: 9000 },
		]));
		expect(shares).toEqual({ packageMs: 0, n8nCredentialMs: 3, busyMs: 7 });
	});
});

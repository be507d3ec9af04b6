// The editor's Test button for the signing types, on a running `n8n start`: the credential's
// Test URL gets a signed GET, which the signing lab checks from the raw bytes it received.
import { SIGNING_LAB_KEYS, startSigningLab } from '../servers/signing-lab';
import { useN8nSpec } from './harness/spec-setup';

describe('credential test of the signing types (POST /rest/credentials/test)', () => {
	const { editor: server, lab } = useN8nSpec('request-signing-credential-test', { servers: { lab: startSigningLab }, editor: true });

	beforeEach(() => lab.reset());

	async function saveAndTest(type: string, data: Record<string, unknown>) {
		const name = `${type} ${Math.random().toString(36).slice(2)}`;
		const id = await server.createCredential(name, type, data);
		return await server.testCredential(id, name, type, data);
	}

	it('HMAC Signature API (OKX v5): the Test URL gets a signed GET that the API accepts', async () => {
		const result = await saveAndTest('hmacSignatureApi', { preset: 'okxV5', ...SIGNING_LAB_KEYS.okx, testUrl: `${lab.url}/okx/api/v5/account/balance?ccy=BTC` });
		expect(result).toEqual(expect.objectContaining({ status: 'OK' }));
		expect(lab.verdicts.map(({ ok, reason }) => (ok ? 'ok' : reason))).toEqual(['ok']);
	});

	it('AWS Signature V4 API: the Test URL gets a signed GET that the API accepts', async () => {
		const result = await saveAndTest('awsSigV4Api', { ...SIGNING_LAB_KEYS.aws, region: 'eu-west-1', service: 'execute-api', payloadSigning: 'signed', testUrl: `${lab.url}/aws/health` });
		expect(result).toEqual(expect.objectContaining({ status: 'OK' }));
		expect(lab.verdicts.map(({ ok, reason }) => (ok ? 'ok' : reason))).toEqual(['ok']);
	});

	it('a wrong secret fails the Test, without the secret in the message', async () => {
		const result = await saveAndTest('awsSigV4Api', { ...SIGNING_LAB_KEYS.aws, secretAccessKey: 'wrong-SECRET-value', region: 'eu-west-1', service: 'execute-api', testUrl: `${lab.url}/aws/health` });
		expect(result.status).toBe('Error');
		expect(JSON.stringify(result)).not.toContain('wrong-SECRET-value');
		expect(lab.verdicts.length).toBeGreaterThanOrEqual(1);
		expect(lab.verdicts.every(({ reason }) => reason.startsWith('signature mismatch'))).toBe(true);
	});
});

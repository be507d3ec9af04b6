// The token log's lines, written through n8n-workflow's LoggerProxy to a recording logger.
import { LoggerProxy } from 'n8n-workflow';

import { PROCESS_LOG_ID, credentialLogId, formatTokenLine, hostForLog, logTokenEvent } from '../../../credentials/common/engine/log';

const written: Array<{ level: string; message: string; meta: unknown }> = [];
const record = (level: string) => (message: string, meta?: unknown) => written.push({ level, message, meta });

beforeAll(() => LoggerProxy.init({ error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') } as never));
beforeEach(() => (written.length = 0));

const FINGERPRINT = 'a'.repeat(64);

describe('token log', () => {
	it('writes a normal event at debug with type, credential, host, status, duration and process', () => {
		logTokenEvent({ event: 'login', credentialType: 'basicToBearerApi', fingerprint: FINGERPRINT, host: 'auth.example.com', status: 200, durationMs: 83.6 });
		expect(written).toEqual([
			{
				level: 'debug',
				message: `token-auth: login type=basicToBearerApi credential=${credentialLogId(FINGERPRINT)} host=auth.example.com status=200 duration=84ms process=${PROCESS_LOG_ID}`,
				meta: expect.objectContaining({ tokenEvent: 'login', status: 200, durationMs: 84, process: PROCESS_LOG_ID }),
			},
		]);
	});

	it.each(['login refused', 'endpoint failed', 'backed off', 'redirect refused', 'answer refused', 'blocked', 'refresh refused'] as const)(
		'writes %s at warn',
		(event) => {
			logTokenEvent({ event, credentialType: 'tokenLoginApi', fingerprint: FINGERPRINT, detail: 'why' });
			expect(written.map((w) => w.level)).toEqual(['warn']);
			expect(written[0].message).toMatch(new RegExp(`^token-auth: ${event} \\(why\\) type=tokenLoginApi `));
		},
	);

	it.each(['renewal before expiry', 'renewal after rejection', 'stored token adopted', 'refresh'] as const)('writes %s at debug', (event) => {
		logTokenEvent({ event, credentialType: 'passwordGrantOAuth2Api', fingerprint: FINGERPRINT });
		expect(written.map((w) => w.level)).toEqual(['debug']);
	});

	it('names the credential by a stable short digest that is not the fingerprint itself', () => {
		const id = credentialLogId(FINGERPRINT);
		expect(id).toMatch(/^[0-9a-f]{10}$/);
		expect(credentialLogId(FINGERPRINT)).toBe(id);
		expect(credentialLogId('b'.repeat(64))).not.toBe(id);
		expect(FINGERPRINT).not.toContain(id);
	});

	it('keeps a detail on one line', () => {
		expect(formatTokenLine({ event: 'blocked', credentialType: 't', fingerprint: FINGERPRINT, detail: 'a\nb\u0000c' })).toMatch(/^token-auth: blocked \(a b c\) /);
	});

	it('reduces a URL to its host, never user info, path or query', () => {
		expect(hostForLog('https://user:pa55@auth.example.com:8443/oauth/token?key=k')).toBe('auth.example.com:8443');
		expect(hostForLog('not a url')).toBeUndefined();
		expect(hostForLog(undefined)).toBeUndefined();
	});
});

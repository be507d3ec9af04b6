/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, not shipped: linted by eslint.tests.config.mjs */
import { readKeyFile } from '../../../credentials/common/assertion/key-file';
import { googleServiceAccountKeyFile, zitadelKeyFile } from '../../support/key-files';
import { p256Key, rsaKey } from './test-keys';

const GHOST_ID = '6748592f4b9b7700010f6564';
const GHOST_SECRET_HEX = 'b1b5b9c1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1';

function messageOf(work: () => unknown): string {
	try {
		work();
	} catch (error) {
		return String((error as Error).message);
	}
	throw new Error('expected an error');
}

describe('readKeyFile', () => {
	it('reads nothing from an empty field', () => {
		expect(readKeyFile('  \n')).toBeUndefined();
	});

	it('an App Store Connect .p8 (a PEM private key): the key', () => {
		expect(readKeyFile(`\n${p256Key.pkcs8}`)).toEqual({ kind: 'pem', privateKey: p256Key.pkcs8.trim() });
	});

	it('a Ghost Admin API key id:secret: kid = id, the secret hex-decoded', () => {
		const file = readKeyFile(` ${GHOST_ID}:${GHOST_SECRET_HEX}\n`);
		expect(file).toEqual({ kind: 'ghost', keyId: GHOST_ID, secret: Buffer.from(GHOST_SECRET_HEX, 'hex') });
		expect(file?.secret).toHaveLength(32);
	});

	it('a Google service-account key JSON: key, key id, client_email as issuer and subject, token_uri', () => {
		const json = JSON.stringify({
			type: 'service_account',
			project_id: 'p',
			private_key_id: 'abc123',
			private_key: rsaKey.pkcs8,
			client_email: 'robot@p.iam.gserviceaccount.com',
			token_uri: 'https://oauth2.googleapis.com/token',
		});
		expect(readKeyFile(json)).toEqual({
			kind: 'googleServiceAccount',
			privateKey: rsaKey.pkcs8,
			keyId: 'abc123',
			issuer: 'robot@p.iam.gserviceaccount.com',
			subject: 'robot@p.iam.gserviceaccount.com',
			tokenUrl: 'https://oauth2.googleapis.com/token',
		});
	});

	it("Google's documented key JSON, every field it has", () => {
		const json = googleServiceAccountKeyFile({ privateKeyPem: rsaKey.pkcs8, keyId: 'k-1', clientEmail: 'run-invoker@p.iam.gserviceaccount.com', tokenUri: 'https://oauth2.googleapis.com/token' });
		expect(readKeyFile(json)).toEqual({
			kind: 'googleServiceAccount',
			privateKey: rsaKey.pkcs8,
			keyId: 'k-1',
			issuer: 'run-invoker@p.iam.gserviceaccount.com',
			subject: 'run-invoker@p.iam.gserviceaccount.com',
			tokenUrl: 'https://oauth2.googleapis.com/token',
		});
	});

	it.each([
		['serviceaccount', 'zitadelServiceAccount', '100507859606888466'],
		['application', 'zitadelApplication', '78366401571920522@acme'],
	] as const)('a Zitadel key JSON of type %s: key, keyId, its owner as issuer and subject', (type, kind, owner) => {
		expect(readKeyFile(zitadelKeyFile(type, { privateKeyPem: rsaKey.traditional, keyId: '100509901696068329', owner }))).toEqual({
			kind,
			privateKey: rsaKey.traditional,
			keyId: '100509901696068329',
			issuer: owner,
			subject: owner,
		});
	});

	it.each([
		['the legacy form {name, privateKey}', { name: 'organizations/o-1/apiKeys/k-1', privateKey: 'PEM' }, 'organizations/o-1/apiKeys/k-1'],
		['the current form {id, privateKey}', { id: '60f8fbe5-b356-4451-a3c9-ae2a90685cc0', privateKey: 'base64' }, '60f8fbe5-b356-4451-a3c9-ae2a90685cc0'],
	])('a Coinbase key JSON, %s: key name as Key ID', (_name, json, keyId) => {
		expect(readKeyFile(JSON.stringify(json))).toEqual({ kind: 'coinbase', privateKey: json.privateKey, keyId });
	});

	it('an Atlassian Connect installation payload: the sharedSecret as the secret, the app key as issuer, baseUrl', () => {
		// The JSON the installed lifecycle call receives (Connect's "Lifecycle" page), fields it has beyond these ignored.
		const payload = { key: 'com.example.my-app', clientKey: 'a1b2c3', sharedSecret: 'the-shared-secret', baseUrl: 'https://example.atlassian.net/wiki', productType: 'confluence', eventType: 'installed' };
		expect(readKeyFile(JSON.stringify(payload))).toEqual({ kind: 'atlassianInstallation', secret: Buffer.from('the-shared-secret'), issuer: 'com.example.my-app', baseUrl: 'https://example.atlassian.net/wiki' });
	});

	it.each([
		['an Atlassian installation payload without sharedSecret', JSON.stringify({ key: 'app', clientKey: 'secret-material' }), 'Key File is an Atlassian Connect installation payload without sharedSecret'],
		['a Google key without its key', JSON.stringify({ type: 'service_account', private_key_id: 'x', client_email: 'e' }), 'Key File is a Google service-account key without private_key: download a new JSON key'],
		['a Zitadel service-account key without userId', JSON.stringify({ type: 'serviceaccount', keyId: '1', key: 'secret-material' }), 'Key File is a Zitadel service-account key without userId: download the key JSON again'],
		['a Zitadel application key without key and clientId', JSON.stringify({ type: 'application', keyId: '1', appId: '2' }), 'Key File is a Zitadel application key without key, clientId'],
		['a Coinbase key without privateKey', JSON.stringify({ name: 'organizations/o/apiKeys/k' }), 'Key File is a Coinbase API key without privateKey'],
		['a Coinbase key without a name', JSON.stringify({ privateKey: 'secret-material' }), 'Key File is a Coinbase API key without name (or id)'],
		['JSON of another kind', JSON.stringify({ type: 'authorized_user', refresh_token: 'secret-material' }), 'Key File is a JSON file of type "authorized_user" this credential does not read'],
		['broken JSON', '{"type": "service_account", "private_key": "secret-material"', 'Key File starts like JSON but is not a JSON object: paste the whole file'],
		['a Ghost key with a non-hex secret', `${GHOST_ID}:secret-material-zz`, 'the part after ":" is not hexadecimal'],
		['text of no known kind', 'secret-material but nothing else', 'Key File is not a key file this credential reads'],
	])('refuses %s, naming what is wrong and never a value from it', (_name, text, message) => {
		const text_ = messageOf(() => readKeyFile(text));
		expect(text_).toContain(message);
		expect(text_).not.toContain('secret-material');
	});
});

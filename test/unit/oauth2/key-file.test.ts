import { TokenAuthError } from '../../../credentials/common/errors';
import { overlayKeyFile } from '../../../credentials/common/oauth2/key-file';
import { googleServiceAccountKeyFile, zitadelKeyFile } from '../../support/key-files';
import { thrownBy } from '../../support/thrown';
import { bodyOf, p256Key, rsaKey } from '../assertion/test-keys';

const google = googleServiceAccountKeyFile({ privateKeyPem: rsaKey.pkcs8, keyId: 'g-kid', clientEmail: 'invoker@p.iam.gserviceaccount.com', tokenUri: 'https://oauth2.googleapis.com/token' });
const typed = { accessTokenUrl: 'https://typed.example/token', issuer: 'typed-issuer', subject: 'typed-subject', clientId: 'typed-client', privateKey: p256Key.pkcs8, keyId: 'typed-kid', scope: 'kept' };

describe('overlayKeyFile', () => {
	it('leaves the fields as typed, and adds nothing to the fingerprint, without a Key File', () => {
		expect(overlayKeyFile({ ...typed, privateKeyFile: ' \n' }, 'issuer')).toEqual({ credentials: { ...typed, privateKeyFile: ' \n' }, identity: [], secrets: [] });
	});

	it("a Google key wins for key, key ID, issuer and token URL; Subject stays the user's (delegation)", () => {
		const { credentials, identity, secrets } = overlayKeyFile({ ...typed, privateKeyFile: google }, 'issuer');
		expect(credentials).toMatchObject({
			privateKey: rsaKey.pkcs8, keyId: 'g-kid', issuer: 'invoker@p.iam.gserviceaccount.com', accessTokenUrl: 'https://oauth2.googleapis.com/token',
			subject: 'typed-subject', clientId: 'typed-client', scope: 'kept',
		});
		expect(identity).toEqual([{ keyFile: google.trim() }]);
		expect(secrets).toEqual([google.trim()]);
	});

	it("a Zitadel service-account key: its userId is issuer and subject (Zitadel's JWT profile); the token URL stays typed", () => {
		const file = zitadelKeyFile('serviceaccount', { privateKeyPem: rsaKey.traditional, keyId: 'z-kid', owner: '100507859606888466' });
		expect(overlayKeyFile({ ...typed, privateKeyFile: file }, 'issuer').credentials).toMatchObject({
			privateKey: rsaKey.traditional, keyId: 'z-kid', issuer: '100507859606888466', subject: '100507859606888466', accessTokenUrl: typed.accessTokenUrl,
		});
	});

	it('for a client assertion the owner is the Client Id (a Zitadel application key); Issuer and Subject are left alone', () => {
		const file = zitadelKeyFile('application', { privateKeyPem: rsaKey.traditional, keyId: 'z-kid', owner: '78366401571920522@acme' });
		expect(overlayKeyFile({ ...typed, privateKeyFile: file }, 'clientId').credentials).toMatchObject({
			clientId: '78366401571920522@acme', issuer: 'typed-issuer', subject: 'typed-subject', privateKey: rsaKey.traditional, keyId: 'z-kid',
		});
	});

	it.each([
		['a PEM key', p256Key.pkcs8, 'Key File holds a PEM private key; this credential reads a Google service-account key or a Zitadel key JSON (a bare PEM key goes in Private Key)'],
		['a Coinbase key', JSON.stringify({ name: 'organizations/o/apiKeys/k', privateKey: p256Key.traditional }), 'Key File holds a Coinbase key JSON; this credential reads'],
		['a Google key without its private key', JSON.stringify({ type: 'service_account', private_key_id: 'k', client_email: 'e' }), 'Key File is a Google service-account key without private_key'],
		['a malformed file', `{"type": "serviceaccount", "key": ${JSON.stringify(rsaKey.traditional)}`, 'Key File starts like JSON but is not a JSON object'],
	])('refuses %s with SETTINGS_INVALID naming what is wrong, never the key', (_name, file, message) => {
		const error = thrownBy<TokenAuthError>(() => overlayKeyFile({ ...typed, privateKeyFile: file }, 'issuer'));
		expect(error.reason).toBe('SETTINGS_INVALID');
		expect(error.message).toContain(message);
		for (const pem of [p256Key.pkcs8, p256Key.traditional, rsaKey.traditional]) expect(error.message).not.toContain(bodyOf(pem).slice(40, 80));
	});
});

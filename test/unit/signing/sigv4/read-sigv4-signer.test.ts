import { isAwsKeyText, readSigV4Keys, readSigV4Scope, sigV4KeyFields } from '../../../../credentials/common/signing/sigv4';

describe('reading the AWS fields both AWS types share', () => {
	it('reads the Session Token from the field the type names it by', () => {
		const fields = { accessKeyId: 'AKID', secretAccessKey: 'secret', sessionToken: 'engine-field', sourceSessionToken: 'typed' };
		expect(readSigV4Keys(fields, 'sourceSessionToken').sessionToken).toBe('typed');
		expect(readSigV4Keys(fields, 'sessionToken').sessionToken).toBe('engine-field');
		expect(sigV4KeyFields('sourceSessionToken').map((field) => [field.name, field.displayName])[2]).toEqual(['sourceSessionToken', 'Session Token']);
	});

	it.each([
		[{ accessKeyId: 'AK ID' }, 'Access Key ID must be printable ASCII without spaces'],
		[{ sessionToken: 'a\nb' }, 'Session Token contains a line break'],
		[{ secretAccessKey: '' }, 'Secret Access Key is empty'],
	])('refuses %p', (overrides, message) => {
		expect(() => readSigV4Keys({ accessKeyId: 'AKID', secretAccessKey: 's', ...overrides }, 'sessionToken')).toThrow(message);
	});

	it('calls printable ASCII without spaces AWS key text, nothing else', () => {
		expect([isAwsKeyText('a/b+c='), isAwsKeyText('a b'), isAwsKeyText(''), isAwsKeyText('é')]).toEqual([true, false, false, false]);
	});

	it('never guesses region or service, and defaults Payload Signing to signed', () => {
		expect(readSigV4Scope({ region: 'auto', service: 's3' })).toEqual({ region: 'auto', service: 's3', payloadSigning: 'signed' });
		expect(() => readSigV4Scope({ region: '', service: 's3' })).toThrow('Region is empty');
		expect(() => readSigV4Scope({ region: 'us-east-1', service: 'S3' })).toThrow('Service "S3" is not a service name');
	});
});

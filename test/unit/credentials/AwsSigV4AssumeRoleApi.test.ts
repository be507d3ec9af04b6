import { AwsSigV4Api } from '../../../credentials/AwsSigV4Api.credentials';
import { AwsSigV4AssumeRoleApi } from '../../../credentials/AwsSigV4AssumeRoleApi.credentials';

/** The public contract: exported workflows refer to these names; labels follow issue 23. */
describe('AWS Signature V4 (Assume Role) API declaration', () => {
	const type = new AwsSigV4AssumeRoleApi();
	const field = (name: string) => type.properties.find((p) => p.name === name);
	const visible = () => type.properties.filter((p) => p.type !== 'hidden');

	it('has its name, labels and documentation anchor', () => {
		expect([type.name, type.displayName]).toEqual(['awsSigV4AssumeRoleApi', 'AWS Signature V4 (Assume Role) API']);
		expect(visible().map((p) => [p.name, p.displayName])).toEqual([
			['accessKeyId', 'Access Key ID'], ['secretAccessKey', 'Secret Access Key'], ['sourceSessionToken', 'Session Token'],
			['roleArn', 'Role ARN'], ['externalId', 'External ID'], ['sessionName', 'Session Name'], ['durationSeconds', 'Duration'],
			['stsEndpoint', 'STS Endpoint'], ['region', 'Region'], ['service', 'Service'], ['payloadSigning', 'Payload Signing'],
		]);
		expect(type.documentationUrl).toBe('https://www.npmjs.com/package/n8n-nodes-token-auth#aws-signature-v4-assume-role-api');
		expect(type.test.request.url).toBe('={{$credentials.stsEndpoint}}');
	});

	it('has the defaults issue 23 names: Duration 3600 (900 to 43200), the global STS endpoint', () => {
		expect([field('durationSeconds')?.default, field('durationSeconds')?.typeOptions]).toEqual([3600, { minValue: 900, maxValue: 43200 }]);
		expect(field('stsEndpoint')?.default).toBe('https://sts.amazonaws.com');
		expect([field('region')?.default, field('service')?.default]).toEqual(['', '']);
	});

	it('shares the key and scope fields of the AWS Signature V4 API (one declaration)', () => {
		const plain = new AwsSigV4Api().properties;
		for (const name of ['accessKeyId', 'secretAccessKey', 'region', 'service', 'payloadSigning']) {
			expect(field(name)).toEqual(plain.find((p) => p.name === name));
		}
		expect({ ...field('sourceSessionToken'), name: 'sessionToken' }).toEqual(plain.find((p) => p.name === 'sessionToken'));
	});

	it("runs on the token engine: one expirable field, the engine's sessionToken, secrets password-typed", () => {
		expect(type.properties.filter((p) => p.typeOptions?.expirable).map((p) => [p.name, p.type])).toEqual([['sessionToken', 'hidden']]);
		for (const name of ['secretAccessKey', 'sourceSessionToken', 'accessToken', 'fingerprint']) expect(field(name)?.typeOptions).toMatchObject({ password: true });
		expect(typeof type.preAuthentication).toBe('function');
	});
});

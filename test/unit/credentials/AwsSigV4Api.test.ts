import { AwsSigV4Api } from '../../../credentials/AwsSigV4Api.credentials';

/** The public contract: exported workflows refer to these names; labels follow issue 23. */
describe('AWS Signature V4 API declaration', () => {
	const type = new AwsSigV4Api();
	const field = (name: string) => type.properties.find((p) => p.name === name);

	it('has its name, labels and documentation anchor', () => {
		expect([type.name, type.displayName]).toEqual(['awsSigV4Api', 'AWS Signature V4 API']);
		expect(type.properties.map((p) => [p.name, p.displayName])).toEqual([
			['accessKeyId', 'Access Key ID'], ['secretAccessKey', 'Secret Access Key'], ['sessionToken', 'Session Token'], ['region', 'Region'],
			['service', 'Service'], ['payloadSigning', 'Payload Signing'], ['testUrl', 'Test URL'],
		]);
		expect((field('payloadSigning')?.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['signed', 'unsigned']);
		expect(type.test.request).toEqual({ url: '={{$credentials.testUrl}}', method: 'GET' });
	});

	it('has region and service with no default (never guessed) and no expirable field', () => {
		expect([field('region')?.default, field('service')?.default]).toEqual(['', '']);
		for (const name of ['secretAccessKey', 'sessionToken']) expect(field(name)?.typeOptions).toMatchObject({ password: true });
		expect(type.properties.filter((p) => p.typeOptions?.expirable)).toEqual([]);
	});
});

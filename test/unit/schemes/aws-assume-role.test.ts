/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, not shipped: linted by eslint.tests.config.mjs */
import { awsAssumeRoleScheme, stsSigningRegion } from '../../../credentials/common/schemes';
import { temporaryKeysToken } from '../../../credentials/common/schemes/temporary-aws-keys';

const base = {
	accessKeyId: 'AKIDEXAMPLE',
	secretAccessKey: 'long/lived+secret',
	roleArn: 'arn:aws:iam::123456789012:role/reader',
	sessionName: 'n8n',
	region: 'eu-west-1',
	service: 'execute-api',
};
const read = (overrides: Record<string, unknown> = {}) => awsAssumeRoleScheme.readSettings({ ...base, ...overrides } as never);

describe('AWS Assume Role: reading the form', () => {
	it('takes the defaults: Duration 3600, the global STS endpoint signed for us-east-1', () => {
		expect(read()).toMatchObject({ durationSeconds: 3600, stsEndpoint: 'https://sts.amazonaws.com', stsRegion: 'us-east-1', externalId: '' });
	});

	it.each([
		[{ roleArn: 'reader' }, 'Role ARN is not the ARN of an IAM role'],
		[{ roleArn: 'arn:aws:iam::12345:role/reader' }, 'Role ARN is not the ARN of an IAM role'],
		[{ roleArn: '' }, 'Role ARN is empty'],
		[{ durationSeconds: 899 }, 'Duration must be a whole number of seconds from 900 to 43200, not 899'],
		[{ durationSeconds: 43201 }, 'not 43201'],
		[{ durationSeconds: 1000.5 }, 'not 1000.5'],
		[{ externalId: 'a b' }, 'External ID must be 2 to 1224 characters'],
		[{ sessionName: 'x' }, 'Session Name must be 2 to 64 characters'],
		[{ stsEndpoint: 'sts.amazonaws.com' }, 'STS Endpoint is not a valid URL'],
		[{ region: '' }, 'Region is empty'],
		[{ service: 'Execute API' }, 'Service "Execute API" is not a service name'],
		[{ secretAccessKey: '' }, 'Secret Access Key is empty'],
	])('refuses %p before anything is sent', (overrides, message) => {
		expect(() => read(overrides)).toThrow(message);
	});

	it('accepts the partitions and a role path', () => {
		expect(read({ roleArn: 'arn:aws-cn:iam::123456789012:role/team/reader' }).roleArn).toBe('arn:aws-cn:iam::123456789012:role/team/reader');
		expect(read({ roleArn: 'arn:aws-us-gov:iam::123456789012:role/reader', durationSeconds: '43200' }).durationSeconds).toBe(43200);
	});

	it('keys the temporary credentials by what STS is asked, not by what the API requests are signed for', () => {
		expect(read({ service: 's3', payloadSigning: 'unsigned' }).identity).toEqual(read().identity);
		expect(read({ externalId: 'other-id' }).identity).not.toEqual(read().identity);
		expect(read({ sourceSessionToken: 'FwoGZXIvYXdzEB' }).identity).not.toEqual(read().identity);
	});
});

describe('AWS Assume Role: the region the AssumeRole call is signed for', () => {
	it.each([
		['https://sts.amazonaws.com', 'us-east-1'],
		['https://sts.eu-west-1.amazonaws.com', 'eu-west-1'],
		['https://sts-fips.us-east-2.amazonaws.com', 'us-east-2'],
		['https://sts.cn-north-1.amazonaws.com.cn', 'cn-north-1'],
		['http://127.0.0.1:4566/sts', 'ap-south-1'],
	])('%s -> %s', (endpoint, region) => {
		expect(stsSigningRegion(endpoint, 'ap-south-1')).toBe(region);
	});
});

describe('AWS Assume Role: the AssumeRole call', () => {
	it('is a form POST, SigV4-signed with the long-lived keys for sts in the STS region', () => {
		const request = awsAssumeRoleScheme.loginRequest(read({ externalId: 'ext-id/1', sourceSessionToken: 'source-token', durationSeconds: 900 }));
		expect([request.method, request.url]).toEqual(['POST', 'https://sts.amazonaws.com/']);
		expect(request.body).toBe('Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Freader&RoleSessionName=n8n&DurationSeconds=900&ExternalId=ext-id%2F1');
		const headers = request.headers as Record<string, string>;
		expect(headers.Authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/sts\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
		expect(headers['x-amz-security-token']).toBe('source-token');
		expect(JSON.stringify(request)).not.toContain('long/lived+secret');
	});

	it('leaves ExternalId out when there is none', () => {
		expect(String(awsAssumeRoleScheme.loginRequest(read()).body)).not.toContain('ExternalId');
	});
});

describe('AWS Assume Role: an API request', () => {
	it('is signed with the held temporary keys and carries their session token, for the Region and Service of the form', () => {
		const token = temporaryKeysToken({ accessKeyId: 'ASIATEMP', secretAccessKey: 'temp/secret', sessionToken: 'temp-session' });
		const request = awsAssumeRoleScheme.applyToken!(read(), { url: 'https://api.example.com/prod/items', method: 'GET' }, token);
		const headers = request.headers as Record<string, string>;
		expect(headers.Authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIATEMP\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, /);
		expect(headers['x-amz-security-token']).toBe('temp-session');
	});
});

import { innerXml, readAssumeRoleResponse, textOf } from '../../../credentials/common/schemes/sts-response';
import { temporaryKeysOf } from '../../../credentials/common/schemes/temporary-aws-keys';
import { assumeRoleResponseXml } from '../../servers/sts-lab';

/** The AssumeRole example of AWS's API reference (its values; the lab writes its XML). */
const documented = assumeRoleResponseXml({
	accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
	sessionToken: 'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==',
	expiration: '2019-11-09T13:34:41Z',
	roleArn: 'arn:aws:sts::123456789012:assumed-role/demo',
	sessionName: 'TestAR',
});

const error = (status: number, code: string, message: string) => ({
	statusCode: status,
	body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
});

describe("reading STS's AssumeRole answer", () => {
	it('takes the four Credentials values of the documented example', () => {
		const issued = readAssumeRoleResponse({ statusCode: 200, body: documented }, []);
		expect(issued.expiresAt).toBe(Date.parse('2019-11-09T13:34:41Z'));
		expect(temporaryKeysOf(issued.accessToken)).toEqual({
			accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
			secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
			sessionToken: expect.stringMatching(/^AQoDYXdzEPT\/\/.*oLxBA==$/),
		});
	});

	it('refuses an answer without Credentials or with an Expiration that is no date, quoting no key', () => {
		expect(() => readAssumeRoleResponse({ statusCode: 200, body: '{"ok":true}' }, [])).toThrow(/holds no AssumeRoleResponse > AssumeRoleResult > Credentials/);
		const noDate = documented.replace('2019-11-09T13:34:41Z', 'tomorrow');
		expect(() => readAssumeRoleResponse({ statusCode: 200, body: noDate }, [])).toThrow(`The STS answer's Expiration "tomorrow" is not an ISO 8601 date`);
		const noSecret = documented.replace(/<SecretAccessKey>.*<\/SecretAccessKey>/, '<SecretAccessKey/>');
		expect(() => readAssumeRoleResponse({ statusCode: 200, body: noSecret }, [])).toThrow("The STS answer's Credentials have no usable SecretAccessKey");
	});

	it('turns AccessDenied into a refused login in STS words, secrets redacted', () => {
		const thrown = (() => {
			try {
				readAssumeRoleResponse(error(403, 'AccessDenied', 'User x is not authorized (key long-lived-secret) &amp; more'), ['long-lived-secret']);
			} catch (caught) {
				return caught as { reason: string; message: string };
			}
			throw new Error('no error');
		})();
		expect(thrown.reason).toBe('LOGIN_REFUSED');
		expect(thrown.message).toBe('STS refused the AssumeRole call (HTTP 403: AccessDenied: User x is not authorized (key ***) & more)');
	});

	it.each([
		[error(400, 'Throttling', 'Rate exceeded'), 'ENDPOINT_FAILED', 'STS failed (HTTP 400: Throttling: Rate exceeded); the AssumeRole call itself was not refused'],
		[error(500, 'InternalFailure', 'oops'), 'ENDPOINT_FAILED', 'STS failed (HTTP 500: InternalFailure: oops)'],
		[error(400, 'MalformedPolicyDocument', 'bad'), 'LOGIN_REFUSED', 'STS refused the AssumeRole call (HTTP 400: MalformedPolicyDocument: bad)'],
		[{ statusCode: 502, body: '<html>Bad gateway</html>' }, 'ENDPOINT_FAILED', 'The token endpoint failed (HTTP 502)'],
	])('a failure answer: %#', (response, reason, message) => {
		expect(() => readAssumeRoleResponse(response, [])).toThrow(expect.objectContaining({ reason, message: expect.stringContaining(message) }));
	});
});

describe('the tiny XML reader', () => {
	it('finds nested elements, skips longer names, reads empty ones and decodes entities once', () => {
		const xml = '<A x="1"><BB>no</BB><B>in &amp;lt; <C/></B></A>';
		expect(innerXml(xml, ['A', 'B'])).toBe('in &amp;lt; <C/>');
		expect(textOf(xml, ['A', 'B', 'C'])).toBe('');
		expect(textOf('<A>&#x41;&#66;&amp;lt;</A>', ['A'])).toBe('AB&lt;');
		expect(innerXml(xml, ['A', 'D'])).toBeUndefined();
		expect(innerXml('<A><B>unclosed', ['A'])).toBeUndefined();
	});
});

/**
 * AWS's own signer (@smithy/signature-v4, the AWS SDK v3's) recomputing a request's Signature V4
 * from the request as received: the raw request target, the headers its Authorization header says
 * were signed, the body bytes. What AWS does on its side; the tests compare our header with this.
 */
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface ReceivedRequest {
	method: string;
	/** The request line's target: path and query as sent. */
	target: string;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

export interface AwsKeys {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
}

const Sha256 = Hash.bind(null, 'sha256') as unknown as ConstructorParameters<typeof SignatureV4>[0]['sha256'];

/** The Authorization header AWS would expect for this request, or why it cannot be judged. */
export async function awsExpectedAuthorization(request: ReceivedRequest, keys: AwsKeys): Promise<string> {
	const authorization = String(request.headers.authorization ?? '');
	const match = /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$/.exec(authorization);
	if (match === null) return `no SigV4 Authorization header: ${authorization}`;
	const [, region, service, signedHeaders] = match;
	const headers: Record<string, string> = {};
	for (const name of signedHeaders.split(';')) {
		const value = request.headers[name];
		if (value === undefined) return `signed header ${name} missing`;
		headers[name] = Array.isArray(value) ? value.join(',') : value;
	}
	const [path, rawQuery = ''] = splitOnce(request.target, '?');
	const query: Record<string, string | string[]> = {};
	for (const pair of rawQuery.split('&').filter((part) => part !== '')) {
		const [rawKey, rawValue = ''] = splitOnce(pair, '=');
		const key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
		const value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
		const known = query[key];
		query[key] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
	}
	const amzDate = headers['x-amz-date'];
	const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
	const signer = new SignatureV4({
		credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, sessionToken: keys.sessionToken },
		region,
		service,
		sha256: Sha256,
		uriEscapePath: service !== 's3',
		applyChecksum: false,
	});
	const httpRequest = new HttpRequest({ method: request.method, protocol: 'http:', hostname: headers.host, path, query, headers, body: request.body });
	const signed = await signer.sign(httpRequest, { signingDate, signableHeaders: new Set(signedHeaders.split(';')), unsignableHeaders: new Set() });
	return String(signed.headers.authorization);
}

function splitOnce(text: string, separator: string): [string, string?] {
	const index = text.indexOf(separator);
	return index === -1 ? [text] : [text.slice(0, index), text.slice(index + 1)];
}

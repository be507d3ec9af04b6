import { createHmac } from 'crypto';

import { TokenAuthError } from '../../errors';
import type { WireRequest } from '../../wire';
import type { RequestSigner } from '../request-signer';
import { canonicalRequest, sha256Hex } from './canonical-request';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export interface SigV4Settings {
	accessKeyId: string;
	secretAccessKey: string;
	/** Temporary credentials' token, '' when there is none. */
	sessionToken: string;
	region: string;
	service: string;
	payloadSigning: 'signed' | 'unsigned';
}

/** Headers signed besides `host` and the `x-amz-*` ones: those n8n's client sends unchanged. */
const SIGNED_REQUEST_HEADERS = ['content-type', 'content-md5'];

/**
 * AWS Signature Version 4 with the region and service given, for any host: the canonical request,
 * the string to sign (`AWS4-HMAC-SHA256`, time, scope, hash), the key derived from the secret, the
 * Authorization header. `x-amz-content-sha256` is sent for S3 (which requires it) and with
 * UNSIGNED-PAYLOAD; a multipart or stream body can only go unsigned.
 */
export function sigV4Signer(settings: SigV4Settings): RequestSigner {
	return {
		ownParameterNames: [],
		signedParameters: () => [],
		sign: (wire, moment) => {
			const amzDate = moment.now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
			const payloadHash = payloadHashOf(wire, settings.payloadSigning);
			const added: Record<string, string> = { 'x-amz-date': amzDate };
			if (settings.service === 's3' || payloadHash === UNSIGNED_PAYLOAD) added['x-amz-content-sha256'] = payloadHash;
			if (settings.sessionToken !== '') added['x-amz-security-token'] = settings.sessionToken;
			const signed: Record<string, string> = { host: wire.headers.host ?? wire.host };
			for (const [name, value] of Object.entries(wire.headers)) {
				if (name.startsWith('x-amz-') || SIGNED_REQUEST_HEADERS.includes(name)) signed[name] = value;
			}
			Object.assign(signed, added);
			const { text, signedHeaders } = canonicalRequest(wire, settings.service, signed, payloadHash);
			const scope = `${amzDate.slice(0, 8)}/${settings.region}/${settings.service}/aws4_request`;
			const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(text)].join('\n');
			const signature = createHmac('sha256', signingKey(settings, amzDate.slice(0, 8))).update(stringToSign).digest('hex');
			return {
				headers: { ...added, Authorization: `AWS4-HMAC-SHA256 Credential=${settings.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}` },
				query: [],
			};
		},
	};
}

function payloadHashOf(wire: WireRequest, payloadSigning: SigV4Settings['payloadSigning']): string {
	if (payloadSigning === 'unsigned') return UNSIGNED_PAYLOAD;
	if (wire.body.kind === 'bytes') return sha256Hex(wire.body.bytes);
	throw new TokenAuthError(
		'REQUEST_UNSIGNABLE',
		`A ${wire.body.why} body's bytes are not known before n8n sends it, so its hash cannot be signed: set Payload Signing to Unsigned (UNSIGNED-PAYLOAD) where the service accepts it, as S3 does`,
	);
}

const signingKeys = new Map<string, Buffer>();

/** kSigning = HMAC chain over date, region, service, "aws4_request"; kept per day (it changes daily). */
function signingKey(settings: SigV4Settings, date: string): Buffer {
	const cacheKey = sha256Hex(`${settings.secretAccessKey}\n${date}\n${settings.region}\n${settings.service}`);
	const known = signingKeys.get(cacheKey);
	if (known !== undefined) return known;
	let key: Buffer = Buffer.from(`AWS4${settings.secretAccessKey}`, 'utf8');
	for (const part of [date, settings.region, settings.service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
	if (signingKeys.size >= 64) signingKeys.delete(signingKeys.keys().next().value as string);
	signingKeys.set(cacheKey, key);
	return key;
}

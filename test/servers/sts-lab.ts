/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * STS lab: an AWS STS stand-in and an API on 127.0.0.1, both judging signatures with AWS's own
 * signer (@smithy/signature-v4, test/support/smithy-sigv4.ts) from the raw bytes received.
 *   /sts/...  AssumeRole (form POST): the call's SigV4 (service `sts`) checked against the
 *             long-lived STS_LAB_KEYS, its form read; answers STS's documented XML with fresh
 *             temporary credentials (lifetime `lab.lifetimeSeconds`, else DurationSeconds), or an
 *             ErrorResponse (AccessDenied for a role in `lab.deniedRoles`, or a bad signature)
 *   /api/...  accepts a request only when signed with temporary keys this lab issued, their
 *             X-Amz-Security-Token sent and not expired (403 ExpiredToken then)
 * Any path after /sts names nothing: tests give each credential its own STS URL (its own fingerprint).
 *
 *   const lab = await startStsLab();   // lab.stsUrl, lab.apiUrl, lab.stsCalls, lab.apiVerdicts
 */
import { randomBytes } from 'crypto';

import { awsExpectedAuthorization, type AwsKeys } from '../support/smithy-sigv4';
import { startRawRecorder, type RawAnswer, type RawRequest } from './raw-recorder';

/** The long-lived keys the lab's STS accepts; they never sign an API request. */
export const STS_LAB_KEYS = { accessKeyId: 'AKIASTSLAB', secretAccessKey: 'sts/lab+long-lived-secret' };
export const STS_LAB_ROLE = 'arn:aws:iam::123456789012:role/lab-role';

export interface StsCall {
	ok: boolean;
	reason: string;
	/** The form as STS read it (RoleArn, RoleSessionName, DurationSeconds, ExternalId...). */
	form: Record<string, string>;
	/** The region and service of the call's signature scope. */
	scope: string;
	/** Date.now() when it arrived, and the Expiration issued (ms). */
	at: number;
	expiresAt?: number;
	issuedKeyId?: string;
}

export interface ApiVerdict {
	ok: boolean;
	reason: string;
	keyId: string;
	method: string;
	target: string;
}

export interface StsLab {
	url: string;
	stsUrl: string;
	apiUrl: string;
	stsCalls: StsCall[];
	apiVerdicts: ApiVerdict[];
	/** Overrides DurationSeconds (STS's minimum is 900 s; tests need short lives). */
	lifetimeSeconds: number | undefined;
	deniedRoles: Set<string>;
	/** Every temporary key issued, for checking that none leaks. */
	issued: Map<string, Required<AwsKeys>>;
	reset(): void;
	close(): Promise<void>;
}

export async function startStsLab(options: { maxLifetimeMs?: number } = {}): Promise<StsLab> {
	const recorder = await startRawRecorder(options.maxLifetimeMs);
	const expiries = new Map<string, number>();
	const lab: StsLab = {
		url: recorder.url,
		stsUrl: `${recorder.url}/sts`,
		apiUrl: `${recorder.url}/api`,
		stsCalls: [],
		apiVerdicts: [],
		lifetimeSeconds: undefined,
		deniedRoles: new Set(),
		issued: new Map(),
		reset: () => {
			lab.stsCalls.length = 0;
			lab.apiVerdicts.length = 0;
			lab.lifetimeSeconds = undefined;
			lab.deniedRoles.clear();
		},
		close: async () => await recorder.close(),
	};

	const assumeRole = async (request: RawRequest): Promise<RawAnswer> => {
		const form = Object.fromEntries(new URLSearchParams(request.body.toString()));
		const scope = /Credential=[^/]+\/\d{8}\/([^/]+\/[^/]+)\//.exec(String(request.headers.authorization ?? ''))?.[1] ?? '';
		const call: StsCall = { ok: false, reason: '', form, scope, at: Date.now() };
		lab.stsCalls.push(call);
		const expected = await awsExpectedAuthorization(request, STS_LAB_KEYS);
		if (request.method !== 'POST') call.reason = `method ${request.method}`;
		else if (request.headers.authorization !== expected) call.reason = 'SignatureDoesNotMatch';
		else if (!scope.endsWith('/sts')) call.reason = `signed for ${scope}, not sts`;
		else if (form.Action !== 'AssumeRole' || form.Version !== '2011-06-15') call.reason = `Action ${form.Action} Version ${form.Version}`;
		else if (!/^\d+$/.test(form.DurationSeconds ?? '') || form.RoleSessionName === undefined) call.reason = 'DurationSeconds or RoleSessionName missing';
		if (call.reason !== '') return stsError(403, call.reason === 'SignatureDoesNotMatch' ? 'SignatureDoesNotMatch' : 'InvalidRequest', call.reason);
		if (lab.deniedRoles.has(form.RoleArn)) {
			call.reason = 'AccessDenied';
			return stsError(403, 'AccessDenied', `User: arn:aws:iam::111122223333:user/lab is not authorized to perform: sts:AssumeRole on resource: ${form.RoleArn}`);
		}
		const keys = { accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`, secretAccessKey: randomBytes(30).toString('base64'), sessionToken: `IQo${randomBytes(200).toString('base64')}` };
		const expiresAt = call.at + (lab.lifetimeSeconds ?? Number(form.DurationSeconds)) * 1000;
		lab.issued.set(keys.accessKeyId, keys);
		expiries.set(keys.accessKeyId, expiresAt);
		Object.assign(call, { ok: true, expiresAt, issuedKeyId: keys.accessKeyId });
		return { status: 200, contentType: 'text/xml', body: assumeRoleResponseXml({ ...keys, expiration: new Date(expiresAt).toISOString(), roleArn: form.RoleArn, sessionName: form.RoleSessionName }) };
	};

	const api = async (request: RawRequest): Promise<RawAnswer> => {
		const keyId = /Credential=([^/]+)\//.exec(String(request.headers.authorization ?? ''))?.[1] ?? '';
		const verdict: ApiVerdict = { ok: false, reason: '', keyId, method: request.method, target: request.target };
		lab.apiVerdicts.push(verdict);
		const keys = lab.issued.get(keyId);
		if (keys === undefined) verdict.reason = `key ${keyId} not issued by this STS`;
		else if (request.headers.authorization !== (await awsExpectedAuthorization(request, keys))) verdict.reason = 'signature mismatch';
		else if (request.headers['x-amz-security-token'] !== keys.sessionToken) verdict.reason = 'wrong X-Amz-Security-Token';
		else if (Date.now() >= (expiries.get(keyId) ?? 0)) verdict.reason = 'ExpiredToken';
		verdict.ok = verdict.reason === '';
		return verdict.ok ? { status: 200, body: { ok: true, target: request.target } } : { status: 403, body: { message: verdict.reason } };
	};

	recorder.answer = async (request) => (request.target.startsWith('/sts') ? await assumeRole(request) : await api(request));
	return lab;
}

/** STS's AssumeRole answer as AWS's API reference shows it (AssumeRole, "Example"). */
export function assumeRoleResponseXml(values: Required<AwsKeys> & { expiration: string; roleArn: string; sessionName: string }): string {
	return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <SourceIdentity>Alice</SourceIdentity>
    <AssumedRoleUser>
      <Arn>${values.roleArn}/${values.sessionName}</Arn>
      <AssumedRoleId>ARO123EXAMPLE123:${values.sessionName}</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${values.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${values.secretAccessKey}</SecretAccessKey>
      <SessionToken>${values.sessionToken}</SessionToken>
      <Expiration>${values.expiration}</Expiration>
    </Credentials>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>`;
}

function stsError(status: number, code: string, message: string): RawAnswer {
	return {
		status,
		contentType: 'text/xml',
		body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>${code}</Code>
    <Message>${message}</Message>
  </Error>
  <RequestId>8a3f2b1c-0000-4000-8000-000000000000</RequestId>
</ErrorResponse>`,
	};
}

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { TokenAuthError } from '../errors';
import { readTextField, requireHttpUrl } from '../fields';
import { signRequest } from '../signing';
import { readSigV4Keys, readSigV4Scope, sigV4Signer, type SigV4Keys, type SigV4Scope } from '../signing/sigv4';
import { encodeRfc3986 } from '../wire';
import type { SchemeSettings, TokenScheme } from './scheme';
import { readAssumeRoleResponse } from './sts-response';
import { temporaryKeysOf } from './temporary-aws-keys';

export const DEFAULT_STS_ENDPOINT = 'https://sts.amazonaws.com';
/** AssumeRole's DurationSeconds range: 15 minutes to 12 hours (the role's own maximum may be lower). */
export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43_200;

export interface AwsAssumeRoleSettings extends SchemeSettings {
	/** The long-lived keys typed in the form: they sign only the AssumeRole call. */
	keys: SigV4Keys;
	roleArn: string;
	externalId: string;
	sessionName: string;
	durationSeconds: number;
	stsEndpoint: string;
	/** The region the AssumeRole call is signed for (see `stsSigningRegion`). */
	stsRegion: string;
	/** What the API requests are signed for, with the temporary keys. */
	scope: SigV4Scope;
}

/**
 * AWS Assume Role on the token engine: the "login" is an STS AssumeRole call signed (SigV4,
 * service `sts`) with the long-lived keys; the "token" is the temporary credentials it returns,
 * held and renewed before their Expiration like any token; each API request is signed with them.
 */
export const awsAssumeRoleScheme: TokenScheme<AwsAssumeRoleSettings> = {
	typeName: 'awsSigV4AssumeRoleApi',

	readSettings(credentials) {
		const scope = readSigV4Scope(credentials);
		const keys = readSigV4Keys(credentials, 'sourceSessionToken');
		const roleArn = readRoleArn(credentials);
		const externalId = readPattern('External ID', credentials.externalId, false, /^[\w+=,.@:/-]{2,1224}$/, '2 to 1224 characters: letters, digits and +=,.@:/-');
		const sessionName = readPattern('Session Name', credentials.sessionName, true, /^[\w+=,.@-]{2,64}$/, '2 to 64 characters: letters, digits and +=,.@-');
		const durationSeconds = readDuration(credentials.durationSeconds);
		const stsEndpoint = requireHttpUrl('STS Endpoint', credentials.stsEndpoint || DEFAULT_STS_ENDPOINT);
		const stsRegion = stsSigningRegion(stsEndpoint, scope.region);
		return {
			keys,
			roleArn,
			externalId,
			sessionName,
			durationSeconds,
			stsEndpoint,
			stsRegion,
			scope,
			identity: [stsEndpoint, stsRegion, keys.accessKeyId, keys.secretAccessKey, keys.sessionToken, roleArn, externalId, sessionName, durationSeconds],
			secrets: [keys.secretAccessKey, keys.sessionToken],
		};
	},

	tokenUrl: (settings) => settings.stsEndpoint,

	loginRequest(settings) {
		const form: Array<[string, string]> = [
			['Action', 'AssumeRole'],
			['Version', '2011-06-15'],
			['RoleArn', settings.roleArn],
			['RoleSessionName', settings.sessionName],
			['DurationSeconds', String(settings.durationSeconds)],
			...(settings.externalId === '' ? [] : [['ExternalId', settings.externalId] as [string, string]]),
		];
		const request = {
			url: settings.stsEndpoint,
			method: 'POST' as const,
			headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
			body: form.map(([name, value]) => `${name}=${encodeRfc3986(value)}`).join('&'),
		};
		const signer = sigV4Signer({ ...settings.keys, region: settings.stsRegion, service: 'sts', payloadSigning: 'signed' });
		return signRequest(request, signer);
	},

	readResponse: (settings, response) => readAssumeRoleResponse(response, settings.secrets),

	applyToken(settings, requestOptions, token) {
		return signRequest(requestOptions, sigV4Signer({ ...temporaryKeysOf(token), ...settings.scope }));
	},
};

/**
 * The region STS checks the call's signature against: us-east-1 for the global endpoint, the
 * host's own for a regional one (`sts.eu-west-1.amazonaws.com`), else the Region field (a
 * private or test endpoint).
 */
export function stsSigningRegion(stsEndpoint: string, region: string): string {
	const host = new URL(stsEndpoint).hostname.toLowerCase();
	if (host === 'sts.amazonaws.com') return 'us-east-1';
	return /^sts(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(host)?.[1] ?? region;
}

function readRoleArn(credentials: ICredentialDataDecryptedObject): string {
	const roleArn = readTextField('Role ARN', credentials.roleArn, true);
	if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/.test(roleArn)) {
		throw new TokenAuthError('SETTINGS_INVALID', 'Role ARN is not the ARN of an IAM role: arn:aws:iam::<12-digit account>:role/<role name>');
	}
	return roleArn;
}

function readPattern(label: string, value: unknown, required: boolean, pattern: RegExp, rule: string): string {
	const text = readTextField(label, value, required);
	if (text !== '' && !pattern.test(text)) throw new TokenAuthError('SETTINGS_INVALID', `${label} must be ${rule}`);
	return text;
}

function readDuration(value: unknown): number {
	const seconds = value === undefined || value === null || value === '' ? 3600 : Number(value);
	if (!Number.isInteger(seconds) || seconds < MIN_DURATION_SECONDS || seconds > MAX_DURATION_SECONDS) {
		throw new TokenAuthError('SETTINGS_INVALID', `Duration must be a whole number of seconds from ${MIN_DURATION_SECONDS} to ${MAX_DURATION_SECONDS}, not ${String(value)}`);
	}
	return seconds;
}

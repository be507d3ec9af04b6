// Credential fixtures of the signing types (HMAC Signature API, AWS Signature V4 API with and
// without Assume Role, Self-Signed JWT API): the fields as a user fills the form, nothing
// exchanged, nothing hidden set.
import { STS_LAB_KEYS, STS_LAB_ROLE } from '../../servers/sts-lab';
import type { SelfSignedFields } from '../../support/self-signed-fields';
import type { CredentialFixture } from './cli';
import { newId } from './workflows';

/** An HMAC Signature API or AWS Signature V4 API (Assume Role or not) credential with these fields. */
export function signingCredential(type: 'hmacSignatureApi' | 'awsSigV4Api' | 'awsSigV4AssumeRoleApi', data: Record<string, unknown>): CredentialFixture {
	const id = newId();
	return { id, name: `${type} ${id}`, type, data };
}

/**
 * The AWS Signature V4 (Assume Role) fields for the STS lab (test/servers/sts-lab.ts): its
 * long-lived keys and role, 15 minutes, an API Gateway-style scope; `fields` add or override
 * (Session Name, External ID, Duration...).
 */
export function stsLabAssumeRoleFields(stsUrl: string, fields: Record<string, unknown>): Record<string, unknown> {
	return { ...STS_LAB_KEYS, roleArn: STS_LAB_ROLE, durationSeconds: 900, stsEndpoint: stsUrl, region: 'eu-west-1', service: 'execute-api', payloadSigning: 'signed', ...fields };
}

/** A Self-Signed JWT API credential with these fields (test/support/self-signed-fields.ts). */
export function selfSignedCredential(fields: SelfSignedFields): CredentialFixture {
	const id = newId();
	return { id, name: `self-signed ${id}`, type: 'selfSignedJwtApi', data: fields };
}

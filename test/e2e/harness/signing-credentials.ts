// Credential fixtures of the signing types (HMAC Signature API, AWS Signature V4 API with and
// without Assume Role, Self-Signed JWT API): the fields as a user fills the form, nothing
// exchanged, nothing hidden set.
import type { SelfSignedFields } from '../../support/self-signed-fields';
import type { CredentialFixture } from './cli';
import { newId } from './workflows';

/** An HMAC Signature API or AWS Signature V4 API (Assume Role or not) credential with these fields. */
export function signingCredential(type: 'hmacSignatureApi' | 'awsSigV4Api' | 'awsSigV4AssumeRoleApi', data: Record<string, unknown>): CredentialFixture {
	const id = newId();
	return { id, name: `${type} ${id}`, type, data };
}

/** A Self-Signed JWT API credential with these fields (test/support/self-signed-fields.ts). */
export function selfSignedCredential(fields: SelfSignedFields): CredentialFixture {
	const id = newId();
	return { id, name: `self-signed ${id}`, type: 'selfSignedJwtApi', data: fields };
}

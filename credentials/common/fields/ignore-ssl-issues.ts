import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

/**
 * Ignore SSL Issues (Insecure): n8n's usual label and field name for accepting any certificate,
 * here for the token calls. Declared here, read here (`readIgnoreSslIssues`), and applied to the
 * token requests here (`sslRequestOptions`); the engine adds it to the fingerprint when on.
 */
export const ignoreSslIssuesField: INodeProperties = {
	displayName: 'Ignore SSL Issues (Insecure)',
	name: 'allowUnauthorizedCerts',
	type: 'boolean',
	default: false,
	description: 'Whether to connect to the token endpoint even if its SSL certificate cannot be validated',
};

export function readIgnoreSslIssues(credentials: ICredentialDataDecryptedObject): boolean {
	return credentials.allowUnauthorizedCerts === true;
}

/** n8n's own switch for a request that accepts any certificate (its "Ignore SSL Issues"). */
export function sslRequestOptions(ignoreSslIssues: boolean): Partial<IHttpRequestOptions> {
	return ignoreSslIssues ? { skipSslCertificateValidation: true } : {};
}

/**
 * Key files in the shapes providers document, around keys generated for the test (never real
 * ones): Google's service-account key JSON
 * (https://cloud.google.com/iam/docs/keys-create-delete, "type": "service_account") and
 * Zitadel's key JSON for a service account or an application
 * (https://zitadel.com/docs/apis/openidoauth/authn-methods).
 */

export interface GoogleKeyFileInput {
	privateKeyPem: string;
	keyId: string;
	clientEmail: string;
	tokenUri?: string;
}

export function googleServiceAccountKeyFile(input: GoogleKeyFileInput): string {
	return JSON.stringify({
		type: 'service_account',
		project_id: 'lab-project',
		private_key_id: input.keyId,
		private_key: input.privateKeyPem,
		client_email: input.clientEmail,
		client_id: '100000000000000000001',
		auth_uri: 'https://accounts.google.com/o/oauth2/auth',
		token_uri: input.tokenUri ?? 'https://oauth2.googleapis.com/token',
		auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
		client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(input.clientEmail)}`,
		universe_domain: 'googleapis.com',
	}, null, 2);
}

export interface ZitadelKeyFileInput {
	/** Zitadel's keys are RSA PKCS#1 ("BEGIN RSA PRIVATE KEY"). */
	privateKeyPem: string;
	keyId: string;
	/** The service account's user ID, or the application's client ID. */
	owner: string;
}

export function zitadelKeyFile(type: 'serviceaccount' | 'application', input: ZitadelKeyFileInput): string {
	return type === 'serviceaccount'
		? JSON.stringify({ type, keyId: input.keyId, key: input.privateKeyPem, userId: input.owner })
		: JSON.stringify({ type, keyId: input.keyId, key: input.privateKeyPem, appId: '78366403256846242', clientId: input.owner });
}

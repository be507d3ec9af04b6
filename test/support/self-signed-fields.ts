// Self-Signed JWT API fields for each route of the self-signed JWT lab (test/servers/self-signed-jwt-lab.ts),
// as a user fills the form; shared by the integration and end-to-end tests.
import type { SelfSignedJwtLab } from '../servers/self-signed-jwt-lab';

export type SelfSignedFields = Record<string, string | number>;

export function selfSignedFields(lab: SelfSignedJwtLab): Record<'hs256' | 'query' | 'header' | 'coinbase' | 'ghost' | 'apple' | 'google' | 'atlassian', SelfSignedFields> {
	return {
		hs256: { preset: 'custom', signingAlgorithm: 'HS256', secret: lab.keys.hs256Secret, issuer: lab.hs256.issuer, audience: lab.hs256.audience },
		query: { preset: 'custom', signingAlgorithm: 'ES256', privateKey: lab.keys.es256Pem, sendAs: 'query', queryParameterName: 'jwt' },
		header: { preset: 'custom', signingAlgorithm: 'EdDSA', privateKey: lab.keys.ed25519Pem, sendAs: 'header', headerName: 'X-JWT' },
		coinbase: { preset: 'coinbase', privateKeyFile: lab.keys.coinbaseKeyJson },
		ghost: { preset: 'ghostAdmin', privateKeyFile: lab.keys.ghostAdminKey },
		apple: { preset: 'appStoreConnect', privateKeyFile: lab.keys.appleP8, keyId: lab.keys.appleKeyId, issuer: lab.keys.appleIssuer },
		google: { preset: 'googleServiceAccount', privateKeyFile: lab.keys.googleKeyJson, audience: `${lab.url}/google/` },
		atlassian: { preset: 'atlassianConnect', privateKeyFile: lab.keys.atlassianInstallation },
	};
}

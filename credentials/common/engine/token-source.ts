import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DpopBinding, readProofOfPossession } from '../dpop';
import { readIgnoreSslIssues, sslRequestOptions } from '../fields';
import type { SchemeSettings, TokenScheme } from '../schemes';
import { fingerprintOf } from './fingerprint';
import type { TokenSource } from './renewal';

/** A scheme bound to one credential's settings: what the engine carries through one request. */
export interface SchemeTokenSource<Settings extends SchemeSettings> extends TokenSource {
	settings: Settings;
	/** Set when the credential asks for DPoP-bound tokens (Proof of Possession). */
	proof?: DpopBinding;
}

/**
 * Reads the credential once for a request: the scheme's settings, Ignore SSL Issues, Proof of
 * Possession and the fingerprint of all three. Every token request it builds carries the SSL
 * choice; with DPoP every response must be a DPoP-bound token.
 */
export function tokenSourceOf<Settings extends SchemeSettings>(
	scheme: TokenScheme<Settings>,
	credentials: ICredentialDataDecryptedObject,
): SchemeTokenSource<Settings> {
	const settings = scheme.readSettings(credentials);
	const ignoreSslIssues = readIgnoreSslIssues(credentials);
	const ssl = sslRequestOptions(ignoreSslIssues);
	const refresh = scheme.refreshRequest?.bind(scheme);
	const possession = readProofOfPossession(credentials);
	// Joins the identity only when on: tokens stored before the field existed keep their fingerprint.
	const identity = possession.kind === 'dpop' ? [...settings.identity, ...possession.identity] : settings.identity;
	const proof = possession.kind === 'dpop' ? new DpopBinding(possession.pastedKey) : undefined;
	return {
		settings,
		proof,
		credentialType: scheme.typeName,
		fingerprint: fingerprintOf(scheme.typeName, identity, ignoreSslIssues),
		tokenUrl: scheme.tokenUrl(settings),
		loginRequest: () => ({ ...scheme.loginRequest(settings), ...ssl }),
		refreshRequest: refresh && ((refreshToken) => ({ ...refresh(settings, refreshToken), ...ssl })),
		readResponse: (response) => {
			const issued = scheme.readResponse(settings, response);
			proof?.checkTokenType(response);
			return issued;
		},
	};
}

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { readIgnoreSslIssues, sslRequestOptions } from '../fields';
import type { SchemeSettings, TokenScheme } from '../schemes';
import { fingerprintOf } from './fingerprint';
import type { TokenSource } from './renewal';

/** A scheme bound to one credential's settings: what the engine carries through one request. */
export interface SchemeTokenSource<Settings extends SchemeSettings> extends TokenSource {
	settings: Settings;
}

/**
 * Reads the credential once for a request: the scheme's settings, Ignore SSL Issues and the
 * fingerprint of both. Every token request it builds carries the SSL choice.
 */
export function tokenSourceOf<Settings extends SchemeSettings>(
	scheme: TokenScheme<Settings>,
	credentials: ICredentialDataDecryptedObject,
): SchemeTokenSource<Settings> {
	const settings = scheme.readSettings(credentials);
	const ignoreSslIssues = readIgnoreSslIssues(credentials);
	const ssl = sslRequestOptions(ignoreSslIssues);
	const refresh = scheme.refreshRequest?.bind(scheme);
	return {
		settings,
		credentialType: scheme.typeName,
		fingerprint: fingerprintOf(scheme.typeName, settings.identity, ignoreSslIssues),
		tokenUrl: scheme.tokenUrl(settings),
		loginRequest: () => ({ ...scheme.loginRequest(settings), ...ssl }),
		refreshRequest: refresh && ((refreshToken) => ({ ...refresh(settings, refreshToken), ...ssl })),
		readResponse: (response) => scheme.readResponse(settings, response),
	};
}

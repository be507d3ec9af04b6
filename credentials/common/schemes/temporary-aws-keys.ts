import { TokenAuthError } from '../errors';
import { isAwsKeyText, type SigV4Keys } from '../signing/sigv4';

/**
 * The temporary AWS credentials STS issued, kept by the token engine as one opaque token: the
 * JSON of the three values. It lives where every token lives (the process's store, the
 * credential's encrypted `accessToken` field) and is never written to a message or log line.
 */
export function temporaryKeysToken(keys: SigV4Keys): string {
	return JSON.stringify({ accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey, sessionToken: keys.sessionToken });
}

/** The held token read back as keys; throws without quoting it when it is not one (a token of another version or type). */
export function temporaryKeysOf(token: string): SigV4Keys {
	const parsed = parseOrUndefined(token) as Partial<Record<keyof SigV4Keys, unknown>> | undefined;
	const keys = { accessKeyId: parsed?.accessKeyId, secretAccessKey: parsed?.secretAccessKey, sessionToken: parsed?.sessionToken };
	if (!Object.values(keys).every((value) => typeof value === 'string' && isAwsKeyText(value))) {
		throw new TokenAuthError('NO_TOKEN', 'The held temporary AWS credentials are unreadable: the AssumeRole call did not run');
	}
	return keys as SigV4Keys;
}

function parseOrUndefined(text: string): unknown {
	try {
		const value: unknown = JSON.parse(text);
		return value !== null && typeof value === 'object' ? value : undefined;
	} catch {
		return undefined;
	}
}

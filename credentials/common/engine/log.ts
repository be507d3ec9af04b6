import { createHash, randomBytes } from 'crypto';
import { LoggerProxy } from 'n8n-workflow';

/**
 * What happened to a credential's token, one log line each. The normal course is logged at
 * debug; anything that stops or delays a token at warn, so an instance at the default level
 * (info) shows only the failures.
 */
export type TokenEvent =
	/** A token got by logging in (the first one, or a renewal's). */
	| 'login'
	/** A token got with the refresh token. */
	| 'refresh'
	/** The held token is near its expiry: a renewal starts. */
	| 'renewal before expiry'
	/** The API rejected the held token: a renewal starts. */
	| 'renewal after rejection'
	/** Another process stored a newer token in the credential; this process uses it. */
	| 'stored token adopted'
	/** The endpoint refused the login; no new login for these settings for a while. */
	| 'login refused'
	/** The endpoint refused the refresh token; the engine logs in instead. */
	| 'refresh refused'
	/** The endpoint failed (5xx, timeout, unreachable); the next call waits a little. */
	| 'endpoint failed'
	/** No call was made: a failure of these settings is still remembered. */
	| 'backed off'
	/** A redirect the package does not follow (another origin, https to http...). */
	| 'redirect refused'
	/** The response was refused for its size or content. */
	| 'answer refused'
	/** n8n refused the call (SSRF protection or the credential's allowed domains). */
	| 'blocked';

const NORMAL_EVENTS: ReadonlySet<TokenEvent> = new Set(['login', 'refresh', 'renewal before expiry', 'renewal after rejection', 'stored token adopted']);

export interface TokenLogEntry {
	event: TokenEvent;
	/** The credential type's name, e.g. basicToBearerApi. */
	credentialType: string;
	/** The settings' fingerprint; only a digest of it is logged (see credentialLogId). */
	fingerprint: string;
	/** The token endpoint's host (never the rest of the URL). */
	host?: string;
	/** HTTP status of the token endpoint's last response. */
	status?: number;
	/** How long the token call took, ms. */
	durationMs?: number;
	/** A message of the engine's own (they never carry a secret), or a short fact ("expires in 42 s"). */
	detail?: string;
}

/**
 * Identifies this n8n process in the lines (main, webhook or queue worker). A community package
 * may not read `process` or `os` (n8n Cloud's rules), so this is a random id drawn once per
 * process: every line of one process carries the same one, two processes never share it.
 */
export const PROCESS_LOG_ID = randomBytes(4).toString('hex');

/**
 * n8n gives credential hooks the credential's data only, not its id or name. Lines name the
 * credential by a short digest of its fingerprint instead: the same in every process for the
 * same settings, it changes when the credential is edited, and no secret can be read back from it.
 */
export function credentialLogId(fingerprint: string): string {
	return createHash('sha256').update(`token-auth log id\u0000${fingerprint}`).digest('hex').slice(0, 10);
}

/** The line as n8n prints it (text format); the same facts go to n8n's metadata (json format). */
export function formatTokenLine(entry: TokenLogEntry): string {
	const facts = [
		`type=${entry.credentialType}`,
		`credential=${credentialLogId(entry.fingerprint)}`,
		entry.host !== undefined ? `host=${entry.host}` : undefined,
		entry.status !== undefined ? `status=${entry.status}` : undefined,
		entry.durationMs !== undefined ? `duration=${Math.round(entry.durationMs)}ms` : undefined,
		`process=${PROCESS_LOG_ID}`,
	].filter((fact): fact is string => fact !== undefined);
	const detail = entry.detail !== undefined ? ` (${oneLine(entry.detail)})` : '';
	return `token-auth: ${entry.event}${detail} ${facts.join(' ')}`;
}

/** Writes one line through n8n's logger, so the instance's level, format and outputs apply. */
export function logTokenEvent(entry: TokenLogEntry): void {
	const metadata = {
		tokenEvent: entry.event,
		credentialType: entry.credentialType,
		credential: credentialLogId(entry.fingerprint),
		host: entry.host,
		status: entry.status,
		durationMs: entry.durationMs === undefined ? undefined : Math.round(entry.durationMs),
		process: PROCESS_LOG_ID,
	};
	const line = formatTokenLine(entry);
	if (NORMAL_EVENTS.has(entry.event)) LoggerProxy.debug(line, metadata);
	else LoggerProxy.warn(line, metadata);
}

/** What names a credential in a line: its type, its settings' fingerprint, its token URL (only the host is written). */
export interface LoggedCredential {
	credentialType: string;
	fingerprint: string;
	tokenUrl: string | undefined;
}

/** One line about a credential; the host is the token URL's unless the entry names the call's own. */
export function logCredentialEvent(
	credential: LoggedCredential,
	entry: Omit<TokenLogEntry, 'credentialType' | 'fingerprint'>,
): void {
	const { credentialType, fingerprint, tokenUrl } = credential;
	logTokenEvent({ ...entry, credentialType, fingerprint, host: entry.host ?? hostForLog(tokenUrl) });
}

/** The host of a URL for a log line; undefined when the URL does not parse. */
export function hostForLog(url: string | undefined): string | undefined {
	if (url === undefined) return undefined;
	try {
		return new URL(url).host || undefined;
	} catch {
		return undefined;
	}
}

function oneLine(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

import { TokenAuthError } from '../errors';
import { parseJsonOrUndefined } from '../response';

export type KeyFileKind = 'pem' | 'coinbase' | 'ghost' | 'googleServiceAccount' | 'zitadelServiceAccount' | 'zitadelApplication' | 'atlassianInstallation';

/**
 * What a pasted key file carries. Which of it wins over a typed field is the reading credential's
 * rule (Self-Signed JWT: the typed field; the OAuth2 types: the file, see oauth2/key-file.ts).
 */
export interface KeyFileFields {
	kind: KeyFileKind;
	privateKey?: string;
	/** Ghost's hex-decoded secret; Atlassian's sharedSecret (its text's bytes). */
	secret?: Buffer;
	keyId?: string;
	/** Who signs: Google's client_email, Zitadel's userId or clientId. */
	issuer?: string;
	subject?: string;
	/** Google's token_uri. */
	tokenUrl?: string;
	/** Atlassian's baseUrl: the product the app is installed in. */
	baseUrl?: string;
}

/** What each kind is called in messages. */
export const KEY_FILE_KIND_NAMES: Record<KeyFileKind, string> = {
	pem: 'a PEM private key',
	coinbase: 'a Coinbase key JSON',
	ghost: 'a Ghost Admin API key',
	googleServiceAccount: 'a Google service-account key',
	zitadelServiceAccount: 'a Zitadel service-account key',
	zitadelApplication: 'a Zitadel application key',
	atlassianInstallation: 'an Atlassian Connect installation payload',
};

const LABEL = 'Key File';
const GHOST_KEY = /^([^:\s]+):([^:\s]+)$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;

/**
 * Reads the key files providers hand out: a PEM private key (App Store Connect's .p8), a
 * Coinbase Developer Platform key JSON ({name or id, privateKey}), a Ghost Admin API key
 * ("id:secret", the secret in hex), a Google service-account key JSON, a Zitadel key JSON
 * ({type: "serviceaccount", keyId, key, userId} or {type: "application", keyId, key, clientId},
 * https://zitadel.com/docs/apis/openidoauth/authn-methods), an Atlassian Connect installation
 * payload ({key, clientKey, sharedSecret, baseUrl}, what the `installed` lifecycle call sends).
 * Errors name what is missing or wrong, never a value from the file.
 */
export function readKeyFile(text: string): KeyFileFields | undefined {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	if (trimmed.startsWith('{')) return readJsonKeyFile(trimmed);
	if (/-----\s*BEGIN\s/.test(trimmed)) return { kind: 'pem', privateKey: trimmed };
	const ghost = GHOST_KEY.exec(trimmed);
	if (ghost !== null) {
		if (!HEX.test(ghost[2])) {
			throw new TokenAuthError('SETTINGS_INVALID', `${LABEL} looks like a Ghost Admin API key (id:secret), but the part after ":" is not hexadecimal: copy the whole key again`);
		}
		return { kind: 'ghost', keyId: ghost[1], secret: Buffer.from(ghost[2], 'hex') };
	}
	throw new TokenAuthError(
		'SETTINGS_INVALID',
		`${LABEL} is not a key file this credential reads: paste a PEM private key (.p8), a Coinbase, Google or Zitadel key JSON, or a Ghost Admin API key (id:secret)`,
	);
}

function readJsonKeyFile(text: string): KeyFileFields {
	const parsed = parseJsonOrUndefined(text);
	if (parsed === undefined || parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new TokenAuthError('SETTINGS_INVALID', `${LABEL} starts like JSON but is not a JSON object: paste the whole file`);
	}
	const file = parsed as Record<string, unknown>;
	if (file.type === 'service_account') {
		const missing = ['private_key', 'private_key_id', 'client_email'].filter((name) => !isText(file[name]));
		if (missing.length > 0) throw new TokenAuthError('SETTINGS_INVALID', `${LABEL} is a Google service-account key without ${missing.join(', ')}: download a new JSON key`);
		return {
			kind: 'googleServiceAccount',
			privateKey: file.private_key as string,
			keyId: file.private_key_id as string,
			issuer: file.client_email as string,
			subject: file.client_email as string,
			...(isText(file.token_uri) ? { tokenUrl: file.token_uri.trim() } : {}),
		};
	}
	if (file.type === 'serviceaccount' || file.type === 'application') return readZitadelKeyFile(file, file.type);
	if ('sharedSecret' in file || 'clientKey' in file) return readAtlassianInstallation(file);
	if ('privateKey' in file || 'name' in file) {
		const keyName = isText(file.name) ? file.name : isText(file.id) ? file.id : undefined;
		if (keyName === undefined || !isText(file.privateKey)) {
			const missing = [keyName === undefined ? 'name (or id)' : undefined, isText(file.privateKey) ? undefined : 'privateKey'].filter(Boolean);
			throw new TokenAuthError('SETTINGS_INVALID', `${LABEL} is a Coinbase API key without ${missing.join(' and ')}: download the key JSON again`);
		}
		return { kind: 'coinbase', privateKey: file.privateKey, keyId: keyName };
	}
	const kind = isText(file.type) ? ` of type "${file.type.slice(0, 40)}"` : '';
	throw new TokenAuthError(
		'SETTINGS_INVALID',
		`${LABEL} is a JSON file${kind} this credential does not read: a Google service-account key has "type": "service_account", a Zitadel key "type": "serviceaccount" or "application", a Coinbase key "name" (or "id") and "privateKey", an Atlassian installation payload "key" and "sharedSecret"`,
	);
}

/** The app signs as itself: iss = the app key; the secret is the sharedSecret's text. */
function readAtlassianInstallation(file: Record<string, unknown>): KeyFileFields {
	const missing = ['key', 'sharedSecret'].filter((name) => !isText(file[name]));
	if (missing.length > 0) {
		throw new TokenAuthError('SETTINGS_INVALID', `${LABEL} is ${KEY_FILE_KIND_NAMES.atlassianInstallation} without ${missing.join(', ')}: paste the whole JSON the installed lifecycle call received`);
	}
	return {
		kind: 'atlassianInstallation',
		secret: Buffer.from(file.sharedSecret as string, 'utf8'),
		issuer: (file.key as string).trim(),
		...(isText(file.baseUrl) ? { baseUrl: file.baseUrl.trim() } : {}),
	};
}

/** Zitadel signs as the key's owner: iss = sub = the user ID (service account) or the client ID (application). */
function readZitadelKeyFile(file: Record<string, unknown>, type: 'serviceaccount' | 'application'): KeyFileFields {
	const owner = type === 'serviceaccount' ? 'userId' : 'clientId';
	const missing = ['keyId', 'key', owner].filter((name) => !isText(file[name]));
	const kind = type === 'serviceaccount' ? 'zitadelServiceAccount' : 'zitadelApplication';
	if (missing.length > 0) throw new TokenAuthError('SETTINGS_INVALID', `${LABEL} is ${KEY_FILE_KIND_NAMES[kind]} without ${missing.join(', ')}: download the key JSON again`);
	const issuer = (file[owner] as string).trim();
	return { kind, privateKey: file.key as string, keyId: (file.keyId as string).trim(), issuer, subject: issuer };
}

function isText(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

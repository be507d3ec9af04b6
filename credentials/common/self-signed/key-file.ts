import { parseJsonOrUndefined } from '../response';
import { TokenAuthError } from '../errors';

/** What a pasted key file fills in; a field the user filled keeps their value. */
export interface KeyFileFields {
	kind: 'pem' | 'coinbase' | 'ghost' | 'googleServiceAccount';
	privateKey?: string;
	/** Ghost's hex-decoded secret. */
	secret?: Buffer;
	keyId?: string;
	issuer?: string;
	subject?: string;
}

const LABEL = 'Key File';
const GHOST_KEY = /^([^:\s]+):([^:\s]+)$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;

/**
 * Reads the key files providers hand out: a PEM private key (App Store Connect's .p8), a
 * Coinbase Developer Platform key JSON ({name or id, privateKey}), a Ghost Admin API key
 * ("id:secret", the secret in hex), a Google service-account key JSON. Errors name what is
 * missing or wrong, never a value from the file.
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
		`${LABEL} is not a key file this credential reads: paste a PEM private key (.p8), a Coinbase or Google key JSON, or a Ghost Admin API key (id:secret)`,
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
		};
	}
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
		`${LABEL} is a JSON file${kind} this credential does not read: a Google service-account key has "type": "service_account", a Coinbase key "name" (or "id") and "privateKey"`,
	);
}

function isText(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

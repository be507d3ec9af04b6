import { createHash, type KeyObject } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import {
	checkAlgorithmFitsKey,
	checkExtraClaims,
	checkHmacSecretLength,
	isHmacAlgorithm,
	JWS_ALGORITHMS,
	KEY_FILE_KIND_NAMES,
	readKeyFile,
	readPrivateKey,
	readRawEd25519Key,
	type AssertionKey,
	type KeyAlgorithm,
	type KeyFileFields,
	type SigningAlgorithm,
} from '../assertion';
import { ParsedCache } from '../assertion/parsed-cache';
import { TokenAuthError } from '../errors';
import type { TokenPlacement } from '../placement';
import { parseJsonObject, readChoice, readSecretField, readTextField } from '../fields';
import { PRESET_IDS, PRESETS, type Binding, type ClaimInput, type Preset, type PresetId } from './presets';

/** Everything that decides the JWTs of one credential, read and checked before anything is sent. */
export interface SelfSignedSettings {
	presetId: PresetId;
	preset: Preset;
	key: AssertionKey;
	claimInput: ClaimInput;
	extraClaims: Record<string, unknown>;
	extraHeader: Record<string, unknown>;
	lifetimeSeconds: number;
	reuse: boolean;
	placement: TokenPlacement;
	/** A digest of every field (secrets included): the JWT cache's key; no secret can be read back. */
	digest: string;
}

export type BindToRequest = 'presetDefault' | Binding;
const BIND_CHOICES: readonly BindToRequest[] = ['presetDefault', 'none', 'uri', 'uris', 'qsh'];
const REUSE_CHOICES = ['newPerRequest', 'reuseUntilExpiry'] as const;
const SEND_CHOICES = ['authorizationHeader', 'header', 'query'] as const;

/** The credential's fields, by name: each read is listed here once. */
const FIELDS = [
	'preset', 'privateKeyFile', 'signingAlgorithm', 'secret', 'privateKey', 'keyId', 'issuer', 'subject', 'audience', 'lifetime',
	'extraClaims', 'extraHeaderFields', 'bindToRequest', 'jwtReuse', 'sendAs', 'headerPrefix', 'headerName', 'queryParameterName',
] as const;

/** Header names the credential sets from its own fields. */
const RESERVED_HEADER = ['alg', 'kid'];
/** Claims set by the fields, the time rules or Bind To Request. */
const RESERVED_CLAIMS = ['nbf', 'uri', 'uris', 'qsh'];

/** Settings are read before every request: parsed once per distinct set of field values. */
const parsedSettings = new ParsedCache<SelfSignedSettings>(128);

export function readSelfSignedSettings(credentials: IDataObject): SelfSignedSettings {
	const values = FIELDS.map((name) => credentials[name] ?? null);
	const text = JSON.stringify(values);
	return parsedSettings.get(text, () => parseSettings(credentials, createHash('sha256').update(`self-signed jwt\u0000${text}`).digest('hex')));
}

function parseSettings(credentials: IDataObject, digest: string): SelfSignedSettings {
	const presetId = readChoice('Preset', credentials.preset || 'custom', PRESET_IDS);
	const preset = PRESETS[presetId];
	const file = readKeyFile(readSecretField('Key File', credentials.privateKeyFile, false));
	checkKeyFileFits(presetId, preset, file);

	const keyId = readTextField('Key ID', credentials.keyId, false) || file?.keyId || '';
	const issuer = readTextField('Issuer', credentials.issuer, false) || file?.issuer || '';
	const subject = readTextField('Subject', credentials.subject, false) || file?.subject || '';
	const audience = readTextField('Audience', credentials.audience, false);
	const binding = readBinding(preset, credentials.bindToRequest);
	const claimInput: ClaimInput = { issuer, subject, audience, keyId, binding, basePath: basePathOf(file) };
	const missing = preset.requires(claimInput);
	if (missing.length > 0) throw new TokenAuthError('SETTINGS_INVALID', `${preset.label} needs ${missing.join(' and ')}`);

	const key = readKey(presetId, preset, credentials, file, keyId);
	const lifetimeSeconds = readLifetime(preset, credentials.lifetime);
	const reuse = readChoice('JWT Reuse', credentials.jwtReuse || 'newPerRequest', REUSE_CHOICES) === 'reuseUntilExpiry';
	if (reuse && !preset.reusable) {
		throw new TokenAuthError('SETTINGS_INVALID', `JWT Reuse: ${preset.label} wants a new JWT for every request; choose "A New JWT for Every Request"`);
	}
	if (reuse && binding !== 'none') {
		throw new TokenAuthError('SETTINGS_INVALID', 'JWT Reuse cannot reuse a JWT bound to its request (Bind To Request): each request needs its own; choose "A New JWT for Every Request"');
	}
	const extraClaims = checkExtraClaims('Extra Claims', parseJsonObject('Extra Claims', credentials.extraClaims, '{"scope": "read"}'), RESERVED_CLAIMS);
	const extraHeader = readExtraHeader(credentials.extraHeaderFields);
	return {
		presetId,
		preset,
		key,
		claimInput,
		extraClaims,
		extraHeader,
		lifetimeSeconds,
		reuse,
		placement: readPlacement(preset, credentials),
		digest,
	};
}

/** A preset reads the key file its provider hands out; a file of another provider is named. */
function checkKeyFileFits(presetId: PresetId, preset: Preset, file: KeyFileFields | undefined): void {
	if (file === undefined || presetId === 'custom') return;
	const expected: Record<Exclude<PresetId, 'custom'>, KeyFileFields['kind'][]> = {
		appStoreConnect: ['pem'],
		coinbase: ['coinbase', 'pem'],
		ghostAdmin: ['ghost'],
		googleServiceAccount: ['googleServiceAccount'],
		atlassianConnect: ['atlassianInstallation'],
	};
	if (expected[presetId].includes(file.kind)) return;
	const names = KEY_FILE_KIND_NAMES;
	throw new TokenAuthError('SETTINGS_INVALID', `Key File holds ${names[file.kind]}, but the Preset is ${preset.label}, which reads ${expected[presetId].map((kind) => names[kind]).join(' or ')}`);
}

function readBinding(preset: Preset, value: unknown): Binding {
	const chosen = readChoice('Bind To Request', value || 'presetDefault', BIND_CHOICES);
	const binding = chosen === 'presetDefault' ? preset.binding.default : chosen;
	if (binding === 'none' && preset.binding.required) {
		throw new TokenAuthError('SETTINGS_INVALID', `Bind To Request: ${preset.label} needs each JWT bound to its request; choose "As the Preset Needs"`);
	}
	return binding;
}

/** Presets whose HS256 secret only the Key File holds: what to paste, and what the secret is called in messages. */
const KEY_FILE_SECRETS: Partial<Record<PresetId, { keyFile: string; secret: string }>> = {
	ghostAdmin: { keyFile: 'Key File (the Admin API key, id:secret)', secret: 'The Admin API key\'s secret' },
	atlassianConnect: { keyFile: 'Key File (the installation payload JSON, with key, sharedSecret and baseUrl)', secret: 'The installation\'s sharedSecret' },
};

/** The signing key: the Secret (HMAC) or the Private Key, from the field or the key file, checked against the algorithm. */
function readKey(presetId: PresetId, preset: Preset, credentials: IDataObject, file: KeyFileFields | undefined, keyId: string): AssertionKey {
	const kid = keyId === '' ? undefined : keyId;
	const fileSecret = KEY_FILE_SECRETS[presetId];
	if (fileSecret !== undefined) {
		const secret = file?.secret;
		if (secret === undefined) throw new TokenAuthError('SETTINGS_INVALID', `${preset.label} needs ${fileSecret.keyFile}`);
		checkHmacSecretLength(fileSecret.secret, 'HS256', secret);
		return { algorithm: 'HS256', secret, keyId: kid };
	}
	const chosen = presetId === 'custom' ? readChoice('Signing Algorithm', credentials.signingAlgorithm || 'ES256', JWS_ALGORITHMS) : undefined;
	if (chosen !== undefined && isHmacAlgorithm(chosen)) {
		const secret = Buffer.from(readSecretField('Secret', credentials.secret, true), 'utf8');
		checkHmacSecretLength('Secret', chosen, secret);
		return { algorithm: chosen, secret, keyId: kid };
	}
	const keyText = readSecretField('Private Key', credentials.privateKey, false) || file?.privateKey || '';
	if (keyText.trim() === '') throw new TokenAuthError('SETTINGS_INVALID', `Private Key is empty: paste the private key${presetId === 'custom' ? '' : ' or the Key File'}`);
	const privateKey = readRawEd25519Key('Private Key', keyText) ?? readPrivateKey('Private Key', keyText, { edwards: true });
	const algorithm = chosen ?? algorithmForPreset(preset, privateKey);
	checkAlgorithmFitsKey('the Private Key', algorithm as KeyAlgorithm, privateKey);
	return { algorithm: algorithm as KeyAlgorithm, privateKey, keyId: kid };
}

/** The path of the product's base URL (Atlassian's baseUrl), '' when the file has none; a baseUrl that is not a URL is refused. */
function basePathOf(file: KeyFileFields | undefined): string {
	if (file?.baseUrl === undefined) return '';
	const url = urlOrUndefined(file.baseUrl);
	if (url === undefined) throw new TokenAuthError('SETTINGS_INVALID', 'Key File: the installation payload\'s baseUrl is not a URL: paste the whole JSON the installed lifecycle call received');
	return url.pathname.replace(/\/+$/, '');
}

function urlOrUndefined(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

/** A preset's algorithm; where it offers several (Coinbase), the one that fits the key. */
function algorithmForPreset(preset: Preset, privateKey: KeyObject): SigningAlgorithm {
	if (preset.algorithms.length === 1) return preset.algorithms[0];
	const fitting = preset.algorithms.find((algorithm) => (algorithm === 'EdDSA') === (privateKey.asymmetricKeyType === 'ed25519'));
	return fitting ?? preset.algorithms[0];
}

/** Lifetime (seconds): 0 or empty is the preset's; more than the provider accepts is refused, not cut. */
function readLifetime(preset: Preset, value: unknown): number {
	if (value === undefined || value === null || value === '' || value === 0) return preset.lifetime.default;
	const seconds = Number(value);
	if (!Number.isInteger(seconds) || seconds < 1 || seconds > preset.lifetime.max) {
		throw new TokenAuthError('SETTINGS_INVALID', `Lifetime must be a whole number of seconds from 1 to ${preset.lifetime.max} for ${preset.label} (0: ${preset.lifetime.default}), not ${String(value)}`);
	}
	return seconds;
}

function readExtraHeader(value: unknown): Record<string, unknown> {
	const header = parseJsonObject('Extra Header Fields', value, '{"cty": "example"}');
	const reserved = Object.keys(header).filter((name) => RESERVED_HEADER.includes(name));
	if (reserved.length > 0) {
		throw new TokenAuthError('SETTINGS_INVALID', `Extra Header Fields may not set ${reserved.map((name) => `"${name}"`).join(', ')}: Signing Algorithm and Key ID set it`);
	}
	return header;
}

function readPlacement(preset: Preset, credentials: IDataObject): TokenPlacement {
	const sendAs = readChoice('Send Token As', credentials.sendAs || 'authorizationHeader', SEND_CHOICES);
	if (sendAs === 'query') return { sendAs: 'query', parameterName: readTextField('Query Parameter Name', credentials.queryParameterName, true) };
	if (sendAs === 'header') return { sendAs: 'header', headerName: readTextField('Header Name', credentials.headerName, true), prefix: '' };
	const typed = readTextField('Token Prefix', credentials.headerPrefix, false);
	return { sendAs: 'header', headerName: 'Authorization', prefix: typed === '' ? preset.prefix : `${typed} ` };
}

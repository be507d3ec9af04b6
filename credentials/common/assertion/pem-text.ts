import { TokenAuthError } from '../errors';

/** The PEM blocks that hold a private key node:crypto reads: PKCS#8, PKCS#1 (RSA), SEC1 (EC). */
const PRIVATE_KEY_LABELS = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'];
const PUBLIC_LABELS = ['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE'];
const CERTIFICATE_LABEL = 'CERTIFICATE';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const ARMOR = /-----\s*BEGIN\s+([A-Z0-9]+(?:\s+[A-Z0-9]+)*)\s*-----([\s\S]*?)-----\s*END\s+([A-Z0-9]+(?:\s+[A-Z0-9]+)*)\s*-----/g;

interface PemBlock {
	begin: string;
	body: string;
	end: string;
}

/**
 * The private key block of a pasted PEM, rebuilt with its line breaks. n8n's password fields
 * turn line breaks into spaces (or drop them), and keys copied from JSON or environment files
 * carry literal "\n": the armor lines are fixed text and base64 holds no whitespace, so the block
 * is rebuilt unambiguously. What cannot be rebuilt gets an error naming the problem, never the key.
 */
export function privateKeyPem(label: string, text: string): string {
	const unescaped = unescapeNewlines(text);
	if (!/-----\s*BEGIN\s/.test(unescaped)) {
		throw new TokenAuthError('SETTINGS_INVALID', 
			`${label} is not a PEM key: paste the whole key from "-----BEGIN PRIVATE KEY-----" ` +
				'(or RSA/EC PRIVATE KEY) to its END line',
		);
	}
	const blocks = armoredBlocks(label, unescaped, 'key');
	const block = blocks.find((candidate) => PRIVATE_KEY_LABELS.includes(candidate.begin));
	if (block === undefined) throw new TokenAuthError('SETTINGS_INVALID', describeWrongBlocks(label, blocks.map((candidate) => candidate.begin)));
	if (block.end !== block.begin) {
		throw new TokenAuthError('SETTINGS_INVALID', `${label}: the "BEGIN ${block.begin}" line ends with "END ${block.end}": the key is damaged`);
	}
	if (/Proc-Type:\s*4,\s*ENCRYPTED/i.test(block.body)) throw new TokenAuthError('SETTINGS_INVALID', encryptedMessage(label));
	return rebuilt(label, block, 'key');
}

/**
 * The certificate blocks of a pasted PEM, each rebuilt as privateKeyPem rebuilds a key: the
 * Certificate field is a plain text field, but certificates also arrive on one line, from JSON or
 * from a password manager. A chain (leaf first, then its CAs) gives several blocks.
 */
export function certificatePems(label: string, text: string): string[] {
	const unescaped = unescapeNewlines(text);
	if (!/-----\s*BEGIN\s/.test(unescaped)) {
		throw new TokenAuthError('SETTINGS_INVALID', `${label} is not a PEM certificate: paste the whole certificate from "-----BEGIN CERTIFICATE-----" to its END line`);
	}
	const blocks = armoredBlocks(label, unescaped, 'certificate');
	const certificates = blocks.filter((candidate) => candidate.begin === CERTIFICATE_LABEL);
	if (certificates.length === 0) {
		const found = blocks.map((candidate) => candidate.begin);
		const keyHint = found.some((name) => PRIVATE_KEY_LABELS.includes(name)) ? ' (the private key goes in Private Key)' : '';
		throw new TokenAuthError('SETTINGS_INVALID', `${label} is not a PEM certificate: it holds ${found.join(', ')}${keyHint}; paste the "-----BEGIN CERTIFICATE-----" block`);
	}
	return certificates.map((block) => {
		if (block.end !== block.begin) {
			throw new TokenAuthError('SETTINGS_INVALID', `${label}: the "BEGIN ${block.begin}" line ends with "END ${block.end}": the certificate is damaged`);
		}
		return rebuilt(label, block, 'certificate');
	});
}

export function encryptedMessage(label: string): string {
	return (
		`${label} is encrypted with a passphrase, which this credential cannot enter: export it unencrypted ` +
		'(for example "openssl pkey -in key.pem -out key-plain.pem")'
	);
}

/** Literal "\n" (JSON, .env files) made into line breaks; other text as typed. */
function unescapeNewlines(text: string): string {
	return text.includes('\\n') ? text.replace(/\\r/g, '').replace(/\\n/g, '\n') : text;
}

/** Every BEGIN...END block of the text; none means the END line was lost. */
function armoredBlocks(label: string, text: string, noun: 'key' | 'certificate'): PemBlock[] {
	const blocks = [...text.matchAll(ARMOR)].map((match) => ({
		begin: normalSpaces(match[1]),
		body: match[2],
		end: normalSpaces(match[3]),
	}));
	if (blocks.length === 0) {
		throw new TokenAuthError('SETTINGS_INVALID', `${label} has a BEGIN line but no matching "-----END ...-----" line: the ${noun} was cut off when pasted`);
	}
	return blocks;
}

/** The block with its base64 in lines of 64, as node:crypto (OpenSSL) reads PEM. */
function rebuilt(label: string, block: PemBlock, noun: 'key' | 'certificate'): string {
	const base64 = block.body.replace(/\s+/g, '');
	if (base64 === '' || !BASE64.test(base64)) {
		throw new TokenAuthError('SETTINGS_INVALID', 
			`${label}: the text between the BEGIN and END lines is not base64: the ${noun} was changed or cut when pasted`,
		);
	}
	const lines = base64.match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${block.begin}-----\n${lines.join('\n')}\n-----END ${block.begin}-----\n`;
}

function describeWrongBlocks(label: string, found: string[]): string {
	if (found.includes('ENCRYPTED PRIVATE KEY')) return encryptedMessage(label);
	if (found.some((name) => PUBLIC_LABELS.includes(name))) {
		return `${label} holds a public key or certificate (${found.join(', ')}), not the private key: paste the private key`;
	}
	return `${label} holds a PEM block of type ${found.join(', ')}, not a private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)`;
}

function normalSpaces(text: string): string {
	return text.trim().replace(/\s+/g, ' ');
}

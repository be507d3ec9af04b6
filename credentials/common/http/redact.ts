/** Replaces every occurrence of a secret in a text; used on anything a server wrote back. */
export function redactSecrets(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) {
		// Very short values (e.g. "a") would shred the text and are no real secret to hide.
		if (secret.length >= 4) result = result.split(secret).join('***');
	}
	return result;
}

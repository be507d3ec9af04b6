/**
 * Reads a value from a parsed JSON answer by a dot path (`data.auth.token`).
 * A key that itself contains dots is found too: the whole path is tried before splitting.
 */
export function readJsonPath(answer: unknown, path: string): unknown {
	if (answer === null || typeof answer !== 'object') return undefined;
	const record = answer as Record<string, unknown>;
	if (path in record) return record[path];
	const dot = path.indexOf('.');
	if (dot === -1) return undefined;
	return readJsonPath(record[path.slice(0, dot)], path.slice(dot + 1));
}

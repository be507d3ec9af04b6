/** Reading JSON that a user typed or a server sent: parsing without throwing, describing in messages. */

export function parseJsonOrUndefined(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** A value's kind in words ("an array", "null", "a number"), never the value itself. */
export function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'an array';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

/** The first keys of an object, to help pick the right key path; 'none' for anything else. */
export function describeKeys(value: unknown): string {
	const keys = value !== null && typeof value === 'object' ? Object.keys(value) : [];
	return keys.length === 0 ? 'none' : keys.slice(0, 10).join(', ');
}

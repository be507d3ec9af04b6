/** Reads a token from a login answer's headers (n8n gives them lower-cased; set-cookie as a list). */

/** The value of a response header, without a leading "Bearer " (some logins answer `Authorization: Bearer ...`). */
export function tokenFromHeader(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const lowerName = name.toLowerCase();
	const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === lowerName);
	const value = Array.isArray(entry?.[1]) ? entry?.[1][0] : entry?.[1];
	if (typeof value !== 'string') return undefined;
	const token = value.replace(/^bearer\s+/i, '').trim();
	return token === '' ? undefined : token;
}

/** The value of the cookie `name` the login set (Set-Cookie), or undefined. */
export function tokenFromCookie(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === 'set-cookie');
	const setCookies = Array.isArray(entry?.[1]) ? entry[1] : typeof entry?.[1] === 'string' ? [entry[1]] : [];
	for (const setCookie of setCookies) {
		if (typeof setCookie !== 'string') continue;
		const pair = setCookie.split(';')[0];
		const equals = pair.indexOf('=');
		if (equals > 0 && pair.slice(0, equals).trim() === name) {
			const value = pair.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1');
			if (value !== '') return value;
		}
	}
	return undefined;
}

/** Names of the headers and cookies an answer had, for a message that helps pick the right key. */
export function describeHeaderNames(headers: Record<string, unknown> | undefined, cookies: boolean): string {
	const all = Object.entries(headers ?? {});
	const names = cookies
		? all
				.filter(([key]) => key.toLowerCase() === 'set-cookie')
				.flatMap(([, value]) => (Array.isArray(value) ? value : [value]))
				.map((setCookie) => String(setCookie).split('=')[0].trim())
		: all.map(([key]) => key);
	return names.length === 0 ? 'none' : names.slice(0, 15).join(', ');
}

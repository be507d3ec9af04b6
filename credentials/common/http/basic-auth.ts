/** The `Authorization: Basic` value for a user and password (RFC 7617), as each login sends it. */
export function basicAuthorization(user: string, password: string): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** A lab's refusal body with `{password}` replaced by the password the login sent (redaction tests). */
export function withPassword(body: Record<string, unknown>, password: string): unknown {
	return JSON.parse(JSON.stringify(body).split('{password}').join(JSON.stringify(password).slice(1, -1)));
}

/** The error `run` throws; fails the test when it throws nothing. */
export function thrownBy<E extends Error = Error>(run: () => unknown): E {
	try {
		run();
	} catch (error) {
		return error as E;
	}
	throw new Error('expected an error, none was thrown');
}

/**
 * Self-signed JWTs, one per request or reused: the presets (what each provider documents), key
 * files (read by assertion/key-file.ts), the settings read before every request, the claims and the request binding, the reuse
 * cache, and `authenticate` of the Self-Signed JWT API.
 */
export { PRESET_IDS, PRESETS } from './presets';
export type { Binding, Preset, PresetId } from './presets';
export { readSelfSignedSettings } from './settings';
export type { SelfSignedSettings } from './settings';
export { authenticateWithSelfSignedJwt, jwtFor } from './self-signed-jwt';

import { proofOfPossessionFields, readProofOfPossession } from '../../../credentials/common/dpop';
import { p256Key, rsaKey } from '../assertion/test-keys';

describe('Proof of Possession fields', () => {
	it('declares the public names, labels and values', () => {
		expect(proofOfPossessionFields.map((field) => [field.name, field.displayName, field.default])).toEqual([
			['proofOfPossession', 'Proof of Possession', 'none'],
			['dpopKey', 'DPoP Key', 'generated'],
			['dpopPrivateKey', 'DPoP Private Key', ''],
		]);
		expect(proofOfPossessionFields[0].options?.map((option) => 'value' in option && option.value)).toEqual(['none', 'dpop']);
		expect(proofOfPossessionFields[1].options?.map((option) => 'value' in option && option.value)).toEqual(['generated', 'pasted']);
		expect(proofOfPossessionFields[2].typeOptions?.password).toBe(true);
	});
});

describe('readProofOfPossession', () => {
	it('is none when the field is absent (credentials stored before it) or None', () => {
		expect(readProofOfPossession({})).toEqual({ kind: 'none' });
		expect(readProofOfPossession({ proofOfPossession: 'none', dpopKey: 'pasted' })).toEqual({ kind: 'none' });
	});

	it('DPoP with a generated key: no key read, the choice in the identity', () => {
		expect(readProofOfPossession({ proofOfPossession: 'dpop' })).toEqual({ kind: 'dpop', identity: [{ proofOfPossession: 'dpop' }], secrets: [] });
	});

	it('DPoP with a pasted key: the key read, and in the identity (another key is another token)', () => {
		const p256 = readProofOfPossession({ proofOfPossession: 'dpop', dpopKey: 'pasted', dpopPrivateKey: p256Key.pkcs8 });
		const rsa = readProofOfPossession({ proofOfPossession: 'dpop', dpopKey: 'pasted', dpopPrivateKey: rsaKey.pkcs8 });
		expect(p256).toMatchObject({ kind: 'dpop', pastedKey: { signing: { algorithm: 'ES256' } }, secrets: [p256Key.pkcs8] });
		expect(JSON.stringify(p256.kind === 'dpop' && p256.identity)).not.toBe(JSON.stringify(rsa.kind === 'dpop' && rsa.identity));
	});

	it('a pasted key that is empty, or a choice that does not exist, is a clear settings error', () => {
		expect(() => readProofOfPossession({ proofOfPossession: 'dpop', dpopKey: 'pasted', dpopPrivateKey: '' })).toThrow('DPoP Private Key is empty');
		expect(() => readProofOfPossession({ proofOfPossession: 'mtls' })).toThrow('Proof of Possession must be one of none, dpop, not mtls');
	});
});

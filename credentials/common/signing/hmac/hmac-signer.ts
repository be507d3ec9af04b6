import { createHmac } from 'crypto';

import { encodeSignature, formatTimestamp } from '../encodings';
import type { RequestSignature, RequestSigner, SignedParameter, SigningMoment } from '../request-signer';
import type { WireRequest } from '../../wire';
import type { HmacSettings, ValuePlacement } from './hmac-settings';
import { krakenMessage } from './kraken';
import { increasingNonce } from './nonce';

/** An HMAC signer: the values placed where the settings say, the message signed, the signature placed. */
export function hmacSigner(settings: HmacSettings): RequestSigner {
	const valuesOf = (moment: SigningMoment) => ({
		timestamp: formatTimestamp(moment.now, settings.timestampFormat),
		nonce: settings.nonceKind === 'increasing' ? increasingNonce(moment) : moment.nonce,
		apiKey: settings.apiKey,
		passphrase: settings.passphrase,
		recvWindow: settings.recvWindow,
	});
	const { place } = settings;
	const placed = (moment: SigningMoment): Array<[ValuePlacement, string]> => {
		const values = valuesOf(moment);
		return [
			[place.apiKey, values.apiKey],
			[place.recvWindow, values.recvWindow],
			[place.timestamp, values.timestamp],
			[place.nonce, values.nonce],
			[place.passphrase, values.passphrase],
		];
	};
	return {
		ownParameterNames: Object.values(place).flatMap((placement) => (placement.in === 'query' || placement.in === 'body' ? [placement.name] : [])),
		signedParameters: (moment) =>
			placed(moment).flatMap(([placement, value]): SignedParameter[] =>
				placement.in === 'query' || placement.in === 'body' ? [{ in: placement.in, name: placement.name, value }] : [],
			),
		sign: (wire, moment) => {
			const values = valuesOf(moment);
			const signature = encodeSignature(createHmac(settings.algorithm, settings.secret).update(messageOf(settings, wire, values)).digest(), settings.signatureEncoding);
			const result: RequestSignature = { headers: {}, query: [] };
			for (const [placement, value] of [...placed(moment), [place.signature, signature] as [ValuePlacement, string]]) {
				if (placement.in === 'header') result.headers[placement.name] = `${placement.prefix}${value}`;
			}
			if (place.signature.in === 'query') result.query.push([place.signature.name, signature]);
			return result;
		},
	};
}

/** The bytes signed; never logged (it may contain the body). */
export function messageOf(settings: HmacSettings, wire: WireRequest, values: { timestamp: string; nonce: string; apiKey: string; recvWindow: string }): Buffer {
	if (settings.message === 'kraken') return krakenMessage(wire, values.nonce);
	return Buffer.from(settings.message.render(wire, values), 'utf8');
}

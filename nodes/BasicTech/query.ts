/** Basic's filter operators (docs.basic.tech, "Filtering, ordering, pagination"). */
export const FILTER_OPERATORS = [
	'eq',
	'neq',
	'gt',
	'gte',
	'lt',
	'lte',
	'like',
	'ilike',
	'in',
	'not',
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export interface RowFilter {
	field: string;
	operator: string;
	value: string;
}

export interface RowOrder {
	field: string;
	direction: string;
}

/** Query-string names that carry paging and order, so no filter may use them as a field. */
const RESERVED = new Set(['order', 'limit', 'offset']);

const NEGATABLE = FILTER_OPERATORS.filter((op) => op !== 'not');

/**
 * Turns the node's filter and order lists into Basic's query grammar:
 * `field=op.value` per filter, `order=field.dir,field.dir`. Throws a plain Error with a message
 * meant for the user when the input cannot be expressed.
 */
export function buildListQuery(filters: RowFilter[], orders: RowOrder[]): Record<string, string> {
	const qs: Record<string, string> = {};
	for (const filter of filters) {
		const field = (filter.field ?? '').trim();
		const operator = (filter.operator ?? '').trim();
		const value = filter.value === undefined || filter.value === null ? '' : String(filter.value);
		if (!field) throw new Error('Every filter needs a field name');
		if (RESERVED.has(field)) {
			throw new Error(`"${field}" cannot be filtered on: Basic reads it as a paging or order option`);
		}
		if (!(FILTER_OPERATORS as readonly string[]).includes(operator)) {
			throw new Error(`Unknown filter operator "${operator}" on field "${field}"`);
		}
		if (field in qs) {
			throw new Error(
				`Field "${field}" has more than one filter: Basic accepts one condition per field`,
			);
		}
		if (operator === 'not') {
			const inner = value.split('.', 1)[0];
			if (!(NEGATABLE as readonly string[]).includes(inner) || !value.includes('.')) {
				throw new Error(
					`The "not" filter on "${field}" needs the condition to negate as its value, for example eq.done`,
				);
			}
		}
		if (operator === 'in') {
			const parts = value.split(',').map((part) => part.trim());
			qs[field] = `in.${parts.join(',')}`;
			continue;
		}
		qs[field] = `${operator}.${value}`;
	}
	const orderParts: string[] = [];
	for (const order of orders) {
		const field = (order.field ?? '').trim();
		const direction = (order.direction ?? 'asc').trim().toLowerCase() || 'asc';
		if (!field) throw new Error('Every sort rule needs a field name');
		if (direction !== 'asc' && direction !== 'desc') {
			throw new Error(`Sort direction must be asc or desc, not "${direction}"`);
		}
		orderParts.push(`${field}.${direction}`);
	}
	if (orderParts.length) qs.order = orderParts.join(',');
	return qs;
}

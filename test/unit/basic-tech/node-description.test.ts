import { BasicTech } from '../../../nodes/BasicTech/BasicTech.node';

const { description } = new BasicTech();
const options = (name: string, resource: string) =>
	(description.properties.find((p) => p.name === name && p.displayOptions?.show?.resource?.includes(resource))?.options ?? []).map(
		(o) => (o as { value: string }).value,
	);

describe('Basic (basic.tech) node description', () => {
	it('is named basicTech, shown as "Basic (basic.tech)", and uses the OAuth2 credential', () => {
		expect(description.name).toBe('basicTech');
		expect(description.displayName).toBe('Basic (basic.tech)');
		expect(description.credentials).toEqual([{ name: 'basicTechOAuth2Api', required: true }]);
	});

	it('can be used as an AI tool', () => {
		expect(description.usableAsTool).toBe(true);
	});

	it('offers every row operation and the user operation', () => {
		expect(options('operation', 'row').sort()).toEqual(['create', 'delete', 'get', 'getAll', 'replace', 'update']);
		expect(options('operation', 'user')).toEqual(['get']);
	});

	it("offers exactly Basic's filter operators", () => {
		const filters = description.properties.find((p) => p.name === 'filters');
		const values = (filters?.options?.[0] as { values: Array<{ name: string; options?: Array<{ value: string }> }> }).values;
		const operator = values.find((v) => v.name === 'operator');
		expect(operator?.options?.map((o) => o.value).sort()).toEqual(
			['eq', 'gt', 'gte', 'ilike', 'in', 'like', 'lt', 'lte', 'neq', 'not'],
		);
	});

	it('asks for Project ID and Table on every row operation', () => {
		for (const name of ['projectId', 'table']) {
			const property = description.properties.find((p) => p.name === name);
			expect(property).toMatchObject({ required: true, displayOptions: { show: { resource: ['row'] } } });
		}
	});
});

import { describe, expect, it } from 'vitest';
import { numberRefusal, parseInput, parseNumber } from '$lib/components/fields/field-def';

describe('number fields parse with the one number parser', () => {
	it('accepts what people type, and refuses hex and exponents (once Number() took 0x10 as 16)', () => {
		expect(parseNumber('1,200,000')).toBe(1_200_000);
		expect(parseNumber('150万')).toBe(1_500_000);
		expect(parseNumber('')).toBeNull();
		expect(parseNumber('0x10')).toBeNaN();
		expect(parseNumber('1e3')).toBeNaN();
		expect(parseInput('number', '¥1,200')).toBe(1200);
		expect(parseNumber('35%', 'percent')).toBe(35);
	});
	it('names why a text is refused, for the inline message', () => {
		expect(numberRefusal('0x10')).toBe('hex');
		expect(numberRefusal('1e3')).toBe('exponent');
		expect(numberRefusal('12abc')).toBe('notNumber');
		expect(numberRefusal('')).toBeNull();
		expect(numberRefusal('1,200')).toBeNull();
	});
});

import { parseNumberInput, type NumberRefusal, type NumberUnit } from '../../domain/number-input';

/**
 * How a list section's editor shows one field of a record. Sections describe their fields
 * with these instead of repeating form markup; RecordCards renders them.
 */
export type FieldKind = 'text' | 'number' | 'select';

export interface FieldDef<T> {
	key: Exclude<keyof T, 'id'> & string;
	label: string;
	kind: FieldKind;
	/** For 'select': value and label of each option; `nullable` adds an empty "—" option. */
	options?: readonly { value: string; label: string }[];
	nullable?: boolean;
	/** Spans the whole row of the card (descriptions, notes). */
	wide?: boolean;
	placeholder?: string;
	/** Shown after the input, e.g. '%'. */
	suffix?: string;
}

/**
 * A number field's text through the app's one number parser (1,200 · ¥1,200 · 150万 · (1,200)):
 * empty is "not set" (null); a refused text (0x10, 1e3, 12abc) is NaN, which the validator
 * reports, never coerced. `numberRefusal` names why, for the inline message.
 */
export const parseNumber = (text: string, unit: NumberUnit = 'number'): number | null => {
	const parsed = parseNumberInput(text, unit);
	return parsed.ok ? parsed.value : parsed.reason === 'empty' ? null : Number.NaN;
};

/** Why a number field's text is refused (null when it parses or is empty). */
export const numberRefusal = (text: string, unit: NumberUnit = 'number'): Exclude<NumberRefusal, 'empty'> | null => {
	const parsed = parseNumberInput(text, unit);
	return parsed.ok || parsed.reason === 'empty' ? null : parsed.reason;
};

/**
 * The value a form control holds, as the record stores it: empty text means "not set" (null)
 * for numbers and nullable choices; anything else must parse as a finite number — "12abc" is
 * NaN and is refused by the validator, never coerced.
 */
export function parseInput(kind: FieldKind, text: string, nullable = false): unknown {
	if (kind === 'number') return parseNumber(text);
	if (kind === 'select') return nullable && text === '' ? null : text;
	return text.trim();
}

/**
 * Bytes → text, for CSV files as people really save them: UTF-8 with or without a BOM, UTF-16
 * (Excel's "Unicode text", with a BOM or recognised by its NUL bytes), and GB18030/GBK (what
 * Chinese Excel writes for "CSV"). An .xlsx is a ZIP whatever its name, so the ZIP signature
 * routes a renamed workbook to the XLSX reader instead of refusing it as binary.
 */
import { ImportError } from './errors';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
export type FileFormat = 'xlsx' | 'text';

/** How many leading bytes the heuristics look at (enough for a header and some rows). */
const SNIFF_BYTES = 8192;

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/** 'xlsx' for a ZIP container (an .xlsx, whatever its name); 'text' for everything else. */
export function sniffFormat(bytes: Uint8Array): FileFormat {
	return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) ? 'xlsx' : 'text';
}

/** UTF-16 without a BOM: ASCII-range text has a NUL in every other byte. */
function utf16ByNuls(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
	const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
	if (n < 4) return null;
	let evenNul = 0;
	let oddNul = 0;
	for (let i = 0; i < n; i += 2) {
		if (bytes[i] === 0) evenNul++;
		if (bytes[i + 1] === 0) oddNul++;
	}
	const pairs = n / 2;
	if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
	if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
	return null;
}

/** Control bytes no text file carries (NUL, and most of C0 except tab, line breaks, form feed). */
function looksBinary(bytes: Uint8Array): boolean {
	const n = Math.min(bytes.length, SNIFF_BYTES);
	let control = 0;
	for (let i = 0; i < n; i++) {
		const b = bytes[i]!;
		if (b === 0) return true;
		if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
	}
	return control > n * 0.01;
}

const decoder = (encoding: string) => new TextDecoder(encoding, { fatal: true, ignoreBOM: false });

function tryDecode(bytes: Uint8Array, encoding: string): string | null {
	try {
		return decoder(encoding).decode(bytes);
	} catch {
		return null;
	}
}

/**
 * The text of a CSV/TSV file and the encoding it was read with.
 * Throws ImportError 'empty-file', 'binary-file', 'truncated-file' (UTF-8 cut inside a character)
 * or 'unknown-encoding'.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
	if (bytes.length === 0) throw new ImportError('empty-file');
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
		const text = tryDecode(bytes, 'utf-8');
		if (text === null) throw new ImportError('truncated-file');
		return { text, encoding: 'utf-8' };
	}
	if (startsWith(bytes, [0xff, 0xfe])) return { text: utf16(bytes, 'utf-16le'), encoding: 'utf-16le' };
	if (startsWith(bytes, [0xfe, 0xff])) return { text: utf16(bytes, 'utf-16be'), encoding: 'utf-16be' };
	const wide = utf16ByNuls(bytes);
	if (wide) return { text: utf16(bytes, wide), encoding: wide };
	if (looksBinary(bytes)) throw new ImportError('binary-file');
	const utf8 = tryDecode(bytes, 'utf-8');
	if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
	// Valid UTF-8 up to a character cut at the very end: a truncated download, not GBK.
	for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
		if (tryDecode(bytes.subarray(0, bytes.length - cut), 'utf-8') !== null && bytes[bytes.length - cut]! >= 0xc0) throw new ImportError('truncated-file');
	}
	const gb = tryDecode(bytes, 'gb18030');
	if (gb !== null) return { text: gb, encoding: 'gb18030' };
	throw new ImportError('unknown-encoding');
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
	// An odd length is a file cut in the middle of a character.
	const text = bytes.length % 2 === 0 ? tryDecode(bytes, encoding) : null;
	if (text === null) throw new ImportError('truncated-file');
	return text;
}

/**
 * Saves bytes or text as a file through the browser's download (an object URL on a temporary
 * link): the one way every export button and the plan backup leave the app.
 */
export function downloadFile(data: BlobPart, fileName: string, type: string): void {
	const url = URL.createObjectURL(new Blob([data], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.rel = 'noopener';
	document.body.append(link);
	link.click();
	link.remove();
	// Revoked later, not at once: the click only starts the download, which still reads the URL.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const CSV_TYPE = 'text/csv;charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const BACKUP_TYPE = 'application/octet-stream';

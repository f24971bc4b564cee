import type { JsonValue } from '../../../common/contract/api';

/** The text of a value when it leaves the grid: NULL is an empty field, nested values are JSON. */
function plain(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Tab-separated, as spreadsheets paste it: a field holding a tab, a line
 * break or a double quote is quoted with its quotes doubled (what Excel and
 * Google Sheets write and read back).
 */
export function toTsv(rows: readonly (readonly JsonValue[])[], header?: readonly string[]): string {
  const field = (text: string) => (/[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = rows.map((row) => row.map((value) => field(plain(value))).join('\t'));
  if (header) lines.unshift(header.map(field).join('\t'));
  return lines.join('\n');
}

/** RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break quoted. */
export function toCsv(rows: readonly (readonly JsonValue[])[], header?: readonly string[]): string {
  const field = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = rows.map((row) => row.map((value) => field(plain(value))).join(','));
  if (header) lines.unshift(header.map(field).join(','));
  return lines.join('\r\n') + '\r\n';
}

/**
 * Writes text to the system clipboard. The async Clipboard API needs a secure
 * context and focus; when it is missing or refused, a hidden textarea and
 * execCommand('copy') still work inside the user's gesture.
 */
export async function writeClipboard(text: string): Promise<void> {
  try {
    if (!navigator.clipboard) throw new Error('no async clipboard');
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    const focused = document.activeElement as HTMLElement | null;
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    focused?.focus();
    if (!copied) throw new Error('the browser refused to copy to the clipboard');
  }
}

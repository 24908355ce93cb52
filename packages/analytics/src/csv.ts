import type { PanelResult } from './panel.ts';

// A cell a spreadsheet would run as a formula: = + - @, and the tab and carriage return
// that some spreadsheets strip before looking (OWASP, "CSV Injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: a formula-like text gets a leading `'`; quoted when it holds `"`, `,` or a line break. */
function field(value: number | string): string {
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A panel as CSV (RFC 4180: CRLF line ends, a header of the column labels, fields quoted when
 * needed): exactly the numbers of the panel's table. Numbers are written as they are (a negative
 * number is a number, not a formula); texts starting like a formula are prefixed with `'`.
 */
export function panelToCsv(result: PanelResult): string {
  const lines = [
    result.columns.map((column) => field(column.unit ? `${column.label} (${column.unit})` : column.label)),
    ...result.rows.map((row) => result.columns.map((column) => field(row[column.key] ?? ''))),
  ];
  return lines.map((line) => line.join(',')).join('\r\n') + '\r\n';
}

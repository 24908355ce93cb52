import { formatMoney } from '@autodoctor/ui/lib/format';
import type { PanelColumn } from './panel-types.ts';

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/**
 * A cell as the table shows it: the panel's number itself (the CSV's), with its unit: `1,204`,
 * `83.5 s`, `12.5 %`, `4.25 ★`, and money (integer cents) as an amount, `$12.34`.
 */
export function formatCell(value: number | string, column: PanelColumn, currency = 'usd'): string {
  if (typeof value === 'string' || !column.unit) return String(value);
  switch (column.unit) {
    case 'count':
      return counts.format(value);
    case 'seconds':
      return `${counts.format(value)} s`;
    case 'percent':
      return `${counts.format(value)} %`;
    case 'stars':
      return `${counts.format(value)} ★`;
    case 'cents':
      return formatMoney(value, currency);
  }
}

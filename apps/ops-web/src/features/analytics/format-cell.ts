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

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const compactMoney = new Map<string, Intl.NumberFormat>();

/** An axis tick: short, `2.6M s`, `$1.2K`, `40 %`; the table has the exact numbers. */
export function formatTick(value: number, column: PanelColumn, currency = 'usd'): string {
  switch (column.unit) {
    case 'cents': {
      const code = currency.toUpperCase();
      let format = compactMoney.get(code);
      if (!format) {
        format = new Intl.NumberFormat('en-US', { style: 'currency', currency: code, notation: 'compact' });
        compactMoney.set(code, format);
      }
      return format.format(value / 100);
    }
    case 'seconds':
      return `${compact.format(value)} s`;
    case 'percent':
      return `${compact.format(value)} %`;
    default:
      return compact.format(value);
  }
}

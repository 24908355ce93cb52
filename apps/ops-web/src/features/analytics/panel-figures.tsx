import { formatCell } from './format-cell.ts';
import type { PanelResult } from './panel-types.ts';

/** A live panel's one row as large figures: "Queued now 3", "Oldest wait 95 s". */
export function PanelFigures({ result }: { result: PanelResult }) {
  const row = result.rows[0];
  if (!row) return null;
  return (
    <dl className="flex flex-wrap gap-x-10 gap-y-3">
      {result.columns.map((column) => (
        <div key={column.key} className="grid gap-0.5">
          <dt className="text-sm text-muted-foreground">{column.label}</dt>
          <dd className="text-2xl font-semibold tabular-nums">{formatCell(row[column.key] ?? '', column)}</dd>
        </div>
      ))}
    </dl>
  );
}

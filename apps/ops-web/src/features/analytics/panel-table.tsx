import { formatCell } from './format-cell.ts';
import type { PanelResult } from './panel-types.ts';

/** The panel's numbers as an accessible table: every column of the CSV, the first one as row headers. */
export function PanelTable({ title, result }: { title: string; result: PanelResult }) {
  const { columns, rows } = result;
  return (
    // Scrolls on its own (a year of days is 366 rows); focusable so a keyboard can scroll it.
    <div
      role="region"
      aria-label={`${title}: table`}
      tabIndex={0}
      className="max-h-80 overflow-auto rounded-md border focus-visible:ring-2 focus-visible:ring-ring"
    >
      <table className="w-full text-sm tabular-nums">
        <caption className="sr-only">{title}</caption>
        <thead className="sticky top-0 bg-muted">
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={`px-3 py-2 font-medium whitespace-nowrap ${column.unit ? 'text-right' : 'text-left'}`}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-6 text-center text-muted-foreground">
                Nothing in this range.
              </td>
            </tr>
          ) : (
            rows.map((row, index) => (
              <tr key={index} className="border-t">
                {columns.map((column, columnIndex) => {
                  const Cell = columnIndex === 0 ? 'th' : 'td';
                  return (
                    <Cell
                      key={column.key}
                      {...(columnIndex === 0 ? { scope: 'row' } : {})}
                      className={`px-3 py-1.5 whitespace-nowrap ${column.unit ? 'text-right' : 'text-left'} ${
                        columnIndex === 0 ? 'font-normal' : ''
                      }`}
                    >
                      {formatCell(row[column.key] ?? '', column)}
                    </Cell>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

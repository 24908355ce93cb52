import type { ReactNode } from 'react';

/** A column of a list: its heading (a visually hidden one for an actions column) and its alignment. */
export interface ListColumn {
  heading: string;
  hidden?: boolean;
  align?: 'left' | 'right';
}

/**
 * The console's lists (mechanics, sessions, the access log): a captioned table scrolling sideways
 * on a phone, its headings, and `empty` in place of the rows when there are none.
 */
export function ListTable({
  caption,
  columns,
  empty,
  children,
}: {
  caption: string;
  columns: ListColumn[];
  empty: ReactNode;
  /** The rows (`<tr className="border-t">`, the first cell a `th scope="row"`); none: `empty` shows. */
  children: ReactNode[];
}) {
  return (
    // relative: the cells' visually hidden text (position: absolute) stays inside the scrolled box;
    // without it, it widened the whole page on a phone (768 px of a 390 px screen).
    <div className="relative overflow-x-auto rounded-md border">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-muted">
          <tr>
            {columns.map((column) => (
              <th
                key={column.heading}
                scope="col"
                className={`px-3 py-2 font-medium whitespace-nowrap ${column.align === 'right' ? 'text-right' : 'text-left'}`}
              >
                {column.hidden ? <span className="sr-only">{column.heading}</span> : column.heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {children.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-3 py-6 text-center text-muted-foreground">
                {empty}
              </td>
            </tr>
          ) : (
            children
          )}
        </tbody>
      </table>
    </div>
  );
}

import type { ReactNode } from 'react';

export type Column<T> = { key: string; header: ReactNode; render: (row: T) => ReactNode; numeric?: boolean };

/**
 * A data table with a caption for screen readers; numeric columns are right-aligned. On phones each
 * row becomes a card, every cell preceded by its column's name (drawn by CSS from `data-label`,
 * with an empty alternative text so assistive technology reads the table's own headers instead).
 */
export function Table<T>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
}) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.numeric ? 'num' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td
                  key={column.key}
                  className={column.numeric ? 'num' : undefined}
                  data-label={typeof column.header === 'string' ? column.header : undefined}
                >
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

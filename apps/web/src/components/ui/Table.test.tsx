import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatEuros } from '../../lib/format';
import { renderWithApp } from '../../test/render';
import { Badge } from './Badge';
import { type Column, Table } from './Table';

type Row = { id: string; product: string; amount: number; status: string };
const columns: Column<Row>[] = [
  { key: 'product', header: 'Dispositif', render: (row) => row.product },
  { key: 'amount', header: 'Montant estimé', render: (row) => formatEuros(row.amount), numeric: true },
  { key: 'status', header: 'Statut', render: (row) => <Badge tone="success">{row.status}</Badge> },
];

describe('Table', () => {
  it('names itself and right-aligns numeric columns', () => {
    renderWithApp(
      <Table
        caption="Vos dossiers"
        columns={columns}
        rows={[{ id: 'd1', product: 'TICPE', amount: 159_300, status: 'Remboursé' }]}
        rowKey={(row) => row.id}
      />,
    );
    const table = screen.getByRole('table', { name: 'Vos dossiers' });
    expect(within(table).getByRole('columnheader', { name: 'Montant estimé' }).className).toBe('num');
    const cells = within(table).getAllByRole('cell');
    expect(cells.map((cell) => cell.className)).toEqual(['', 'num', '']);
    expect(cells[1]?.textContent).toBe(formatEuros(159_300));
    expect(within(table).getByText('Remboursé').className).toBe('badge badge-success');
  });
});

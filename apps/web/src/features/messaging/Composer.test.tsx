import { MESSAGE_MAX_LENGTH } from '@ft/contracts/messaging-limits';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../test/render';
import { Composer } from './Composer';

describe('the message composer', () => {
  it('keeps a paste longer than the limit whole, says by how much it is over and does not send it', () => {
    const onSend = vi.fn();
    renderWithApp(<Composer conversationId="c1" dossierId={null} onSend={onSend} />);
    const input = screen.getByLabelText(/message/i) as HTMLTextAreaElement;
    const paste = 'a'.repeat(22_820);
    fireEvent.change(input, { target: { value: paste } });
    expect(input.value).toHaveLength(22_820);
    expect(screen.getByText(/12\s820 caractères de trop/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Envoyer' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
  });

  it('shows a counter near the limit and sends once it fits', () => {
    const onSend = vi.fn();
    renderWithApp(<Composer conversationId="c1" dossierId={null} onSend={onSend} />);
    const input = screen.getByLabelText(/message/i);
    fireEvent.change(input, { target: { value: 'b'.repeat(9_500) } });
    expect(screen.getByText(/9\s500 \/ 10\s000 caractères/)).toBeTruthy();
    fireEvent.change(input, { target: { value: 'b'.repeat(MESSAGE_MAX_LENGTH) } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith({ body: 'b'.repeat(MESSAGE_MAX_LENGTH), attachmentIds: [] });
  });
});

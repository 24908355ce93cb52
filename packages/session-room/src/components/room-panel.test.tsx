import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { initialTranscript, transcriptReducer, type TranscriptAction } from '../model/transcript.ts';
import type { PhotoUploads } from '../upload/use-photo-uploads.ts';
import { RoomPanel, type RoomPanelProps } from './room-panel.tsx';

const at = new Date();
const noUploads: PhotoUploads = {
  tiles: [],
  add: vi.fn(),
  remove: vi.fn(),
  retry: vi.fn(),
  take: vi.fn(() => []),
  photos: [],
  busy: false,
  hasFailed: false,
  notice: null,
};

function panel(overrides: Partial<RoomPanelProps> = {}, ...actions: TranscriptAction[]) {
  const transcript = actions.reduce(transcriptReducer, initialTranscript('mechanic'));
  return render(
    <RoomPanel
      sessionId="s1"
      transcript={transcript}
      otherName="Casey"
      mechanicName="You"
      open
      connection="live"
      onRetry={vi.fn()}
      onTheirMessagesSeen={vi.fn()}
      draft=""
      onDraftChange={vi.fn()}
      uploads={noUploads}
      onSend={vi.fn()}
      onTyping={vi.fn()}
      {...overrides}
    />,
  );
}

describe('RoomPanel', () => {
  it('opens with the composer focused, and shows the other side typing', () => {
    panel({}, { type: 'typing', role: 'customer', now: Date.now() });
    const region = screen.getByRole('region', { name: 'Conversation with Casey' });
    expect(document.activeElement).toBe(within(region).getByRole('textbox', { name: 'Message to Casey' }));
    expect(within(region).getByText('Casey is typing…')).toBeTruthy();
  });

  it('is read-only once the session is over: the conversation stays, the composer goes', () => {
    panel(
      { open: false },
      {
        type: 'entry',
        entry: {
          kind: 'message',
          id: '1',
          sessionId: 's1',
          clientMessageId: 'c1',
          authorRole: 'customer',
          authorName: 'Casey',
          body: 'Thanks!',
          photos: [],
          at,
        },
      },
      { type: 'entry', entry: { kind: 'system', id: '2', sessionId: 's1', event: 'ended', at } },
    );
    expect(screen.getByText('Thanks!')).toBeTruthy();
    expect(screen.getByText(/The session ended/)).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByText(/This session is over/)).toBeTruthy();
  });

  it('says when the conversation is reconnecting (no second status: the header has it), and why the room cannot be shown', () => {
    panel({ connection: 'reconnecting', problem: 'Session not found' });
    expect(screen.getByText(/Reconnecting: messages sent meanwhile will appear/)).toBeTruthy();
    expect(screen.queryByRole('status', { name: /Live updates/ })).toBeNull();
    expect(screen.getByRole('alert').textContent).toBe('Session not found');
  });
});

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { RoomFeedEntry } from '../model/room-entry.ts';
import {
  initialTranscript,
  seenMessageId,
  transcriptItems,
  transcriptReducer,
  type TranscriptAction,
  type TranscriptState,
} from '../model/transcript.ts';
import { Transcript } from './transcript.tsx';

const at = new Date();
const sessionId = 's1';
const entry = (value: RoomFeedEntry): TranscriptAction => ({ type: 'entry', entry: value });
const fromSam = (id: string, body: string, photos = 0): TranscriptAction =>
  entry({
    kind: 'message',
    id,
    sessionId,
    clientMessageId: `c${id}`,
    authorRole: 'mechanic',
    authorName: 'Sam Torque',
    body,
    photos: Array.from({ length: photos }, (_, index) => ({
      id: `p${id}-${index}`,
      width: 1200,
      height: 900,
      url: `/api/photos/p${id}-${index}`,
      thumbnailUrl: `/api/photos/p${id}-${index}/thumbnail`,
    })),
    at,
  });
const fromMe = (id: string, body: string): TranscriptAction =>
  entry({
    kind: 'message',
    id,
    sessionId,
    clientMessageId: `c${id}`,
    authorRole: 'customer',
    authorName: 'Casey Driver',
    body,
    photos: [],
    at,
  });

function show(state: TranscriptState, onRetry = vi.fn()) {
  return render(
    <Transcript
      label="Conversation with Sam Torque"
      items={transcriptItems(state)}
      announcements={state.announcements}
      seenMessageId={seenMessageId(state)}
      otherName="Sam Torque"
      mechanicName="Sam Torque"
      loaded={state.caughtUp}
      canRetry
      onRetry={onRetry}
      onTheirMessagesSeen={vi.fn()}
    />,
  );
}
const run = (...actions: TranscriptAction[]) =>
  actions.reduce(transcriptReducer, initialTranscript('customer'));

describe('Transcript', () => {
  it('is a named log that does not read out itself; only new entries reach the live region', () => {
    const state = run(
      entry({ kind: 'system', id: '1', sessionId, event: 'assignment_accepted', at }),
      fromSam('2', 'Hi, what noise exactly?'),
      { type: 'caughtUp' },
      fromSam('3', 'Can you send a photo?', 0),
      fromMe('4', 'Here it is'),
      entry({ kind: 'system', id: '5', sessionId, event: 'started', at }),
    );
    const { container } = show(state);
    const log = screen.getByRole('log', { name: 'Conversation with Sam Torque' });
    expect(log.getAttribute('aria-live')).toBe('off');
    expect(within(log).getByText('Sam Torque accepted the session', { exact: false })).toBeTruthy();
    expect(within(log).getByText('The session is live', { exact: false })).toBeTruthy();
    const announcer = container.querySelector('[aria-live="polite"]')!;
    expect([...announcer.children].map((line) => line.textContent)).toEqual([
      'Sam Torque: Can you send a photo?',
      'The session is live',
    ]);
  });

  it('shows mine and theirs with who wrote them, "Sent" under my latest, "Seen" where they read', () => {
    const state = run(
      fromMe('1', 'The brakes grind'),
      fromSam('2', 'Front or back?'),
      fromMe('3', 'Front left'),
      fromMe('4', 'At low speed'),
      entry({ kind: 'read', id: '5', sessionId, authorRole: 'mechanic', readUpTo: '3', at }),
    );
    show(state);
    const items = within(screen.getByRole('log')).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^You.*The brakes grind$/),
      expect.stringMatching(/^Sam Torque.*Front or back\?$/),
      expect.stringMatching(/^You.*Front left.*Seen$/),
      expect.stringMatching(/^You.*At low speed.*Sent$/),
    ]);
  });

  it('keeps a failed message with its reason and a Retry', async () => {
    const onRetry = vi.fn();
    const state = run(
      { type: 'caughtUp' },
      {
        type: 'send',
        clientMessageId: 'x1',
        authorName: 'Casey Driver',
        body: 'Still there?',
        photos: [],
        at,
      },
      { type: 'sendFailed', clientMessageId: 'x1', error: 'Could not reach AutoDoctor.' },
    );
    show(state, onRetry);
    expect(screen.getByText('Still there?')).toBeTruthy();
    expect(screen.getByText(/Not sent: Could not reach AutoDoctor\./)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledWith('x1');
  });

  it('opens a photo full size in a dialog and closes it with Escape, focus back on the thumbnail', async () => {
    show(run(fromSam('1', '', 2)));
    const thumbnail = screen.getByRole('button', { name: 'Photo 2 of 2 from Sam Torque: open full size' });
    await userEvent.click(thumbnail);
    const dialog = await screen.findByRole('dialog', { name: 'Photo 2 of 2 from Sam Torque' });
    expect(within(dialog).getByRole('img').getAttribute('src')).toBe('/api/photos/p1-1');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(thumbnail);
  });

  it('says when the conversation is loading, and when it is empty', () => {
    const { rerender } = show(run());
    expect(screen.getByText('Loading the conversation…')).toBeTruthy();
    rerender(
      <Transcript
        label="Conversation with Sam Torque"
        items={[]}
        announcements={[]}
        seenMessageId={null}
        otherName="Sam Torque"
        mechanicName="Sam Torque"
        loaded
        canRetry
        onRetry={vi.fn()}
        onTheirMessagesSeen={vi.fn()}
      />,
    );
    expect(screen.getByText('No messages yet. Say hello to Sam Torque.')).toBeTruthy();
  });
});

import { ROOM_LIMITS } from '@autodoctor/session-core/rules';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { PhotoRef } from '../model/room-entry.ts';
import { PhotoUploadError } from '../upload/photo-upload.ts';
import type { PhotoUploads, UploadTile } from '../upload/use-photo-uploads.ts';
import { Composer } from './composer.tsx';

const photo: PhotoRef = {
  id: 'p1',
  width: 800,
  height: 600,
  url: '/api/photos/p1',
  thumbnailUrl: '/api/photos/p1/thumbnail',
};

function uploadsWith(tiles: UploadTile[] = []): PhotoUploads {
  return {
    tiles,
    add: vi.fn(),
    remove: vi.fn(),
    retry: vi.fn(),
    take: vi.fn(() => tiles.flatMap((tile) => (tile.photo ? [tile.photo] : []))),
    photos: tiles.flatMap((tile) => (tile.photo ? [tile.photo] : [])),
    busy: tiles.some((tile) => tile.state === 'uploading'),
    hasFailed: tiles.some((tile) => tile.state === 'failed'),
    notice: null,
  };
}

function ComposerWithDraft(props: { uploads?: PhotoUploads; onSend?: () => void; initial?: string }) {
  const [draft, setDraft] = useState(props.initial ?? '');
  return (
    <Composer
      label="Message to Sam Torque"
      draft={draft}
      onDraftChange={setDraft}
      uploads={props.uploads ?? uploadsWith()}
      onSend={props.onSend ?? vi.fn()}
      onTyping={vi.fn()}
      autoFocus
    />
  );
}

describe('Composer', () => {
  it('is focused when it appears; Enter sends the trimmed text, Shift+Enter breaks the line', async () => {
    const onSend = vi.fn();
    render(<ComposerWithDraft onSend={onSend} />);
    const box = screen.getByRole('textbox', { name: 'Message to Sam Torque' });
    expect(document.activeElement).toBe(box);
    await userEvent.type(box, '  First line{Shift>}{Enter}{/Shift}second line {Enter}');
    expect(onSend).toHaveBeenCalledWith({ body: 'First line\nsecond line', photos: [] });
    expect(box).toHaveProperty('value', '');
  });

  it('sends nothing empty: Send is off and Enter does nothing', async () => {
    const onSend = vi.fn();
    render(<ComposerWithDraft onSend={onSend} />);
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
    await userEvent.type(screen.getByRole('textbox'), '   {Enter}');
    expect(onSend).not.toHaveBeenCalled();
  });

  it('counts characters against the limit and keeps an oversize draft, with the reason', async () => {
    const onSend = vi.fn();
    render(<ComposerWithDraft onSend={onSend} initial={'x'.repeat(ROOM_LIMITS.messageMaxChars + 1)} />);
    expect(screen.getByText('4,001 / 4,000 characters')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Keep a message under 4000 characters');
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
    await userEvent.type(screen.getByRole('textbox'), '{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole<HTMLTextAreaElement>('textbox').value).toHaveLength(4_001);
  });

  it('waits for uploads: a progress bar per photo, Send off until they are done', () => {
    render(
      <ComposerWithDraft
        initial="Here is the wheel"
        uploads={uploadsWith([
          { key: 'a', fileName: 'wheel.jpg', state: 'uploading', progress: 0.42, photo: null, error: null },
        ])}
      />,
    );
    const bar = screen.getByRole('progressbar', { name: 'Uploading photo 1 (wheel.jpg)' });
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
    expect(screen.getByText('Waiting for the photos to upload…')).toBeTruthy();
  });

  it('sends uploaded photos with the text; a photo can be removed before', async () => {
    const onSend = vi.fn();
    const uploads = uploadsWith([
      { key: 'a', fileName: 'wheel.jpg', state: 'uploaded', progress: 1, photo, error: null },
    ]);
    render(<ComposerWithDraft onSend={onSend} uploads={uploads} />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove photo 1 (wheel.jpg)' }));
    expect(uploads.remove).toHaveBeenCalledWith('a');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith({ body: '', photos: [photo] });
  });

  it('shows why an upload failed, offers a retry when one can work, and holds the message until then', async () => {
    const uploads = uploadsWith([
      {
        key: 'a',
        fileName: 'wheel.jpg',
        state: 'failed',
        progress: 0.3,
        photo: null,
        error: new PhotoUploadError('NETWORK', 'The upload was interrupted.'),
      },
      {
        key: 'b',
        fileName: 'notes.jpg',
        state: 'failed',
        progress: 1,
        photo: null,
        error: new PhotoUploadError('NOT_AN_IMAGE', 'This file is not a JPEG, PNG or WebP image.', 415),
      },
    ]);
    render(<ComposerWithDraft uploads={uploads} initial="hi" />);
    expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toEqual([
      'The upload was interrupted.',
      'This file is not a JPEG, PNG or WebP image.',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Retry uploading photo 1 (wheel.jpg)' }));
    expect(uploads.retry).toHaveBeenCalledWith('a');
    expect(screen.queryByRole('button', { name: 'Retry uploading photo 2 (notes.jpg)' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
  });

  it('opens the file picker from the attach button, for images only', async () => {
    const uploads = uploadsWith();
    const { container } = render(<ComposerWithDraft uploads={uploads} />);
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    expect(input.accept).toBe('image/jpeg,image/png,image/webp');
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'wheel.jpg', { type: 'image/jpeg' });
    await userEvent.upload(input, file);
    expect(uploads.add).toHaveBeenCalledWith([file]);
  });
});

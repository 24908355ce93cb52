import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DownloadData } from './download-data.tsx';

afterEach(() => vi.restoreAllMocks());

describe('DownloadData', () => {
  it('receives the zip, saves it under the API’s name, and says so', async () => {
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const zip = new Uint8Array(2048).fill(7);
    const fetchExport = vi.fn(() =>
      Promise.resolve(
        new Response(zip, {
          headers: {
            'content-type': 'application/zip',
            'content-disposition': 'attachment; filename="autodoctor-data-2026-12-07.zip"',
          },
        }),
      ),
    );
    const user = userEvent.setup();
    render(<DownloadData fetchExport={fetchExport} />);
    await user.click(screen.getByRole('button', { name: 'Download my data' }));
    expect(await screen.findByText('Downloaded: autodoctor-data-2026-12-07.zip.')).toBeTruthy();
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe('autodoctor-data-2026-12-07.zip');
    expect(clicked[0]?.href).toMatch(/^blob:/);
  });

  it('says when the API refuses (rate limit) and saves nothing', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click');
    const fetchExport = () =>
      Promise.resolve(
        new Response(JSON.stringify({ code: 'TOO_MANY_REQUESTS' }), {
          status: 429,
          headers: { 'retry-after': '600' },
        }),
      );
    const user = userEvent.setup();
    render(<DownloadData fetchExport={fetchExport} />);
    await user.click(screen.getByRole('button', { name: 'Download my data' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'You downloaded your data a moment ago. Try again in 10 min.',
    );
    expect(click).not.toHaveBeenCalled();
  });
});

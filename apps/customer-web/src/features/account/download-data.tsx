import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { Download } from 'lucide-react';
import { useState } from 'react';

/** The export's file name when the API names none (Content-Disposition). */
const DEFAULT_FILE_NAME = 'autodoctor-my-data.zip';

type DownloadState =
  | { step: 'idle' }
  | { step: 'preparing' }
  | { step: 'receiving'; bytes: number }
  | { step: 'done'; fileName: string }
  | { step: 'failed'; message: string };

function describeBytes(bytes: number): string {
  return bytes < 1_000_000
    ? `${Math.max(1, Math.round(bytes / 1000))} KB`
    : `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function fileNameOf(response: Response): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  return /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? DEFAULT_FILE_NAME;
}

/** Why a download failed, in words (the API's 429 carries a Retry-After). */
function failureMessage(response: Response): string {
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    const minutes = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : null;
    return `You downloaded your data a moment ago. Try again ${minutes ? `in ${minutes} min` : 'later'}.`;
  }
  if (response.status === 401) return 'You are signed out. Sign in again, then download your data.';
  return 'Your data could not be prepared. Try again in a moment.';
}

/**
 * "Download my data": the API's zip (account.json and the photos) fetched with the progress shown,
 * then saved by the browser. Fetched rather than a plain link so that a refusal is said here, not
 * shown as a page of JSON.
 */
export function DownloadData({
  fetchExport = () => fetch('/api/account/export'),
}: {
  fetchExport?: () => Promise<Response>;
}) {
  const [state, setState] = useState<DownloadState>({ step: 'idle' });
  async function download() {
    setState({ step: 'preparing' });
    try {
      const response = await fetchExport();
      if (!response.ok || !response.body) {
        setState({ step: 'failed', message: failureMessage(response) });
        return;
      }
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let bytes = 0;
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        setState({ step: 'receiving', bytes });
      }
      const fileName = fileNameOf(response);
      const url = URL.createObjectURL(new Blob(chunks, { type: 'application/zip' }));
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = fileName;
      anchor.click();
      // The browser has taken the file once the click is handled.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ step: 'done', fileName });
    } catch {
      setState({
        step: 'failed',
        message: 'Could not reach AutoDoctor. Check your connection and try again.',
      });
    }
  }
  const busy = state.step === 'preparing' || state.step === 'receiving';
  return (
    <div className="grid gap-3">
      <Button variant="outline" className="justify-self-start" pending={busy} onClick={() => void download()}>
        {busy ? null : <Download aria-hidden="true" />}
        Download my data
      </Button>
      <p role="status" className="text-sm text-muted-foreground empty:hidden">
        {state.step === 'preparing'
          ? 'Preparing your data…'
          : state.step === 'receiving'
            ? `Downloading… ${describeBytes(state.bytes)}`
            : state.step === 'done'
              ? `Downloaded: ${state.fileName}.`
              : ''}
      </p>
      {state.step === 'failed' ? <Alert>{state.message}</Alert> : null}
    </div>
  );
}

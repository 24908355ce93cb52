import { WifiOff } from 'lucide-react';
import { useOnline } from '../lib/use-online.ts';

/** Said once, at the top, while the browser is offline. */
export function OfflineNotice() {
  const online = useOnline();
  if (online) return null;
  return (
    <p
      role="status"
      className="flex items-center gap-2 rounded-lg border border-slate-300 bg-slate-100 px-4 py-2 text-sm text-slate-800"
    >
      <WifiOff className="size-4" aria-hidden="true" />
      You are offline. What you see may be out of date; it updates when you are back online.
    </p>
  );
}

import { Button } from '@autodoctor/ui/button';
import type { SessionSummaryInput } from '@autodoctor/session-core/rules';
import { lazy, Suspense, useRef, useState } from 'react';

// The form and its dialog load when the mechanic is about to end a session.
const loadDialog = () => import('./end-session-dialog.tsx');
const EndSessionDialog = lazy(loadDialog);

export interface EndSessionButtonProps {
  customerFirstName: string;
  /** Ends the session with the summary; rejects when it failed (the dialog stays open, the text kept). */
  onEnd: (summary: SessionSummaryInput) => Promise<unknown>;
}

/** "End session": asks for the summary the customer will read, then ends the session. */
export function EndSessionButton({ customerFirstName, onEnd }: EndSessionButtonProps) {
  const [open, setOpen] = useState(false);
  const [mounted, setMounted] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <>
      <Button
        ref={trigger}
        className="justify-self-start"
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
        onClick={() => {
          setMounted(true);
          setOpen(true);
        }}
      >
        End session
      </Button>
      {mounted ? (
        <Suspense fallback={null}>
          <EndSessionDialog
            open={open}
            onOpenChange={setOpen}
            customerFirstName={customerFirstName}
            onEnd={onEnd}
            returnFocusTo={trigger}
          />
        </Suspense>
      ) : null}
    </>
  );
}

import { Slot } from 'radix-ui';
import { lazy, Suspense, useRef, useState, type ReactNode } from 'react';

// The dialog's code (radix AlertDialog and its focus and scroll locks) is only
// fetched when a dialog is about to open: most screens never open one.
const loadPanel = () => import('./confirm-dialog-panel.tsx');
const ConfirmDialogPanel = lazy(loadPanel);

export interface ConfirmDialogProps {
  /** The control that opens it (a Button). */
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  destructive?: boolean;
  /** Runs on confirm; the dialog stays open, its button busy, until it settles. */
  onConfirm: () => Promise<unknown>;
}

/** Asks before an action that cannot be undone (ending or cancelling a session). */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  cancelLabel = 'Keep it',
  destructive = false,
  onConfirm,
}: ConfirmDialogProps) {
  const [open, setOpen] = useState(false);
  const [mounted, setMounted] = useState(false);
  const [pending, setPending] = useState(false);
  const triggerRef = useRef<HTMLElement>(null);
  async function confirm() {
    setPending(true);
    try {
      await onConfirm();
      setOpen(false);
    } catch {
      // The caller reports the error (a toast); the dialog stays open for another try.
    } finally {
      setPending(false);
    }
  }
  return (
    <>
      <Slot.Root
        ref={triggerRef}
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={() => void loadPanel()}
        onFocus={() => void loadPanel()}
        onClick={() => {
          setMounted(true);
          setOpen(true);
        }}
      >
        {trigger}
      </Slot.Root>
      {mounted ? (
        <Suspense fallback={null}>
          <ConfirmDialogPanel
            open={open}
            onOpenChange={(next) => !pending && setOpen(next)}
            title={title}
            description={description}
            confirmLabel={confirmLabel}
            cancelLabel={cancelLabel}
            destructive={destructive}
            pending={pending}
            onConfirm={() => void confirm()}
            returnFocusTo={triggerRef}
          />
        </Suspense>
      ) : null}
    </>
  );
}

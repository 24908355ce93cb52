import { AlertDialog } from 'radix-ui';
import type { ReactNode, RefObject } from 'react';
import { Button, buttonVariants } from './button.tsx';
import { dialogContentClass, overlayClass } from './dialog.tsx';

export interface ConfirmDialogPanelProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  destructive: boolean;
  pending: boolean;
  onConfirm: () => void;
  /** Where focus goes back when the dialog closes. */
  returnFocusTo: RefObject<HTMLElement | null>;
}

/** The dialog of ConfirmDialog: radix's AlertDialog, loaded the first time one opens. */
export default function ConfirmDialogPanel(props: ConfirmDialogPanelProps) {
  return (
    <AlertDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlayClass} />
        <AlertDialog.Content
          className={dialogContentClass}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            props.returnFocusTo.current?.focus();
          }}
        >
          <AlertDialog.Title className="text-lg font-semibold">{props.title}</AlertDialog.Title>
          <AlertDialog.Description className="text-sm text-muted-foreground">
            {props.description}
          </AlertDialog.Description>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialog.Cancel className={buttonVariants({ variant: 'outline' })} disabled={props.pending}>
              {props.cancelLabel}
            </AlertDialog.Cancel>
            <Button
              variant={props.destructive ? 'destructive' : 'default'}
              pending={props.pending}
              onClick={props.onConfirm}
            >
              {props.confirmLabel}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

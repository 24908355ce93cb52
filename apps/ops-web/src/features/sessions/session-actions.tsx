import { canCancel, canRequeue, type SessionStatus } from '@autodoctor/session-core/rules';
import { toast } from '@autodoctor/ui/lib/toast';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';
import { ReasonDialog } from '../../components/reason-dialog.tsx';

/**
 * What an operator can do to a session now, each behind a reason: put an accepted or live session
 * back in the queue, cancel one that has not gone live (the customer's refund rules).
 */
export function SessionActions({ sessionId, status }: { sessionId: string; status: SessionStatus }) {
  const trpc = useTRPC();
  // The session and the search are refetched when these settle (CHANGE_EFFECTS).
  const requeue = useMutation(trpc.ops.requeueSession.mutationOptions());
  const cancel = useMutation(trpc.ops.cancelSession.mutationOptions());
  if (!canRequeue(status) && !canCancel(status)) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {canRequeue(status) ? (
        <ReasonDialog
          trigger="Put back in the queue"
          title="Put this session back in the queue"
          description="The mechanic is taken off it, and every mechanic can accept it again. The customer keeps their place, their conversation and their payment."
          confirm="Put back in the queue"
          pending={requeue.isPending}
          onConfirm={async (reason) => {
            await requeue.mutateAsync({ sessionId, reason });
            toast.success('The session is back in the queue.');
          }}
        />
      ) : null}
      {canCancel(status) ? (
        <ReasonDialog
          trigger="Cancel session"
          title="Cancel this session"
          description="As if the customer had cancelled it: credits or the card payment go back when no mechanic had accepted it."
          confirm="Cancel session"
          destructive
          pending={cancel.isPending}
          onConfirm={async (reason) => {
            const result = await cancel.mutateAsync({ sessionId, reason });
            toast.success(
              result.creditsRefunded > 0
                ? `Session cancelled; ${result.creditsRefunded} credit${result.creditsRefunded === 1 ? '' : 's'} refunded.`
                : 'Session cancelled.',
            );
          }}
        />
      ) : null}
    </div>
  );
}

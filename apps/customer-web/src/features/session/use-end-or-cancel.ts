import { canEnd, type SessionStatus } from '@autodoctor/session-core/rules/statuses';
import { useMutation } from '@tanstack/react-query';
import { toast } from '@autodoctor/ui/lib/toast';
import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { useTRPC } from '../../app/trpc.ts';

/**
 * Ends a live session, or cancels one not live yet; says what happened in a toast. What it changed
 * (banner, history, credits, the free session) is refetched by the query client, in every tab.
 */
export function useEndOrCancelSession() {
  const trpc = useTRPC();
  const onError = (error: unknown) => {
    toast.error(apiErrorInfo(error).message);
  };
  const end = useMutation(
    trpc.customer.endSession.mutationOptions({
      onSuccess: () => toast.success('Session ended.'),
      onError,
    }),
  );
  const cancel = useMutation(
    trpc.customer.cancelSession.mutationOptions({
      onSuccess: (result) =>
        toast.success(
          result.creditsRefunded > 0
            ? `Session cancelled. ${result.creditsRefunded} credit returned to your balance.`
            : 'Session cancelled.',
        ),
      onError,
    }),
  );
  return (session: { id: string; status: SessionStatus }) =>
    canEnd(session.status)
      ? end.mutateAsync({ sessionId: session.id })
      : cancel.mutateAsync({ sessionId: session.id });
}

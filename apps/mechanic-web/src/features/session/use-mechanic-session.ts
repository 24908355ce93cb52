import type { SessionStatus, SessionSummaryInput } from '@autodoctor/session-core/rules';
import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from '@autodoctor/ui/lib/toast';
import { useTRPC } from '../../app/trpc.ts';

/** A session this mechanic accepted; live events keep it current (see useSessionFeed). */
export function useMechanicSession(sessionId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.mechanic.session.queryOptions({ sessionId }));
}

/**
 * Start (waiting → live) and End (live → ended); the page follows the answer at once (and the query
 * client refetches the banner, the timeline and the history).
 */
export function useSessionActions(sessionId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = {
    onSuccess: (session: {
      status: SessionStatus;
      startedAt: Date | null;
      endedAt: Date | null;
      summary: { found: string; nextSteps: string; workshopVisitNeeded: boolean; writtenAt: Date } | null;
    }) => {
      queryClient.setQueryData(trpc.mechanic.session.queryKey({ sessionId }), (old) =>
        old
          ? {
              ...old,
              status: session.status,
              startedAt: session.startedAt,
              endedAt: session.endedAt,
              summary: session.summary,
            }
          : old,
      );
    },
    onError: (error: unknown) => toast.error(apiErrorInfo(error).message),
  };
  const start = useMutation(trpc.mechanic.startSession.mutationOptions(options));
  const end = useMutation(trpc.mechanic.endSession.mutationOptions(options));
  return {
    start: () => start.mutate({ sessionId }),
    starting: start.isPending,
    // The summary dialog waits for the answer and stays open on a failure (told by onError's toast).
    end: (summary: SessionSummaryInput) => end.mutateAsync({ sessionId, summary }),
  };
}

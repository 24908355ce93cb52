import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTRPC } from '../../app/trpc.ts';
import { acceptRefusalOf } from './accept-refusal.ts';
import { withoutAssignment, type QueueData, type QueueItem } from './queue-model.ts';

/** Why an accept did not go through, said to the mechanic. */
export interface AcceptRefusal {
  assignmentId: string;
  message: string;
}

/**
 * Accepting a queued session. The winner goes to the session; a mechanic who
 * lost the race (or the session left the queue meanwhile) is told, and the
 * entry leaves their list at once.
 */
export function useAcceptSession({ onRefused }: { onRefused: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [refusal, setRefusal] = useState<AcceptRefusal | null>(null);

  const accept = useMutation(
    trpc.mechanic.accept.mutationOptions({
      onMutate: () => setRefusal(null),
      onSuccess: async (session) => {
        queryClient.setQueryData(trpc.mechanic.activeSession.queryKey(), session);
        queryClient.setQueryData(trpc.mechanic.session.queryKey({ sessionId: session.id }), session);
        await navigate({ to: '/sessions/$sessionId', params: { sessionId: session.id } });
      },
      onError: (error, { assignmentId }) => {
        const { gone, message } = acceptRefusalOf(apiErrorInfo(error));
        if (gone) {
          queryClient.setQueryData<QueueData>(trpc.mechanic.queue.queryKey(), (old) =>
            old ? { ...old, entries: withoutAssignment(old.entries, assignmentId) } : old,
          );
        }
        setRefusal({ assignmentId, message });
        onRefused();
      },
    }),
  );

  return {
    accept: (entry: QueueItem) => accept.mutate({ assignmentId: entry.assignmentId }),
    acceptingId: accept.isPending ? accept.variables.assignmentId : null,
    refusal,
    dismissRefusal: () => setRefusal(null),
  };
}

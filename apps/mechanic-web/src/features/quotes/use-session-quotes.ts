import { toast } from '@autodoctor/ui/lib/toast';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';
import type { QuoteDraftInput } from '@autodoctor/session-core/rules';
import { quoteRefusalMessage } from './quote-refusal.ts';

/** Every version of every quote of the session, drafts included, newest first. */
export function useSessionQuotes(sessionId: string, enabled: boolean) {
  const trpc = useTRPC();
  return useQuery(trpc.mechanic.sessionQuotes.queryOptions({ sessionId }, { enabled }));
}

/**
 * The quote actions of one session. The query client refetches the session's quotes after each
 * (CHANGE_EFFECTS); a refusal of a one-click action is told in a toast in the mechanic's words
 * (the editor shows its own, at the fields).
 */
export function useQuoteActions(sessionId: string) {
  const trpc = useTRPC();
  const tell = (error: unknown) => toast.error(quoteRefusalMessage(error));
  const save = useMutation(trpc.mechanic.saveQuoteDraft.mutationOptions());
  const send = useMutation(trpc.mechanic.sendQuote.mutationOptions());
  const revise = useMutation(trpc.mechanic.reviseQuote.mutationOptions({ onError: tell }));
  const withdraw = useMutation(trpc.mechanic.withdrawQuote.mutationOptions({ onError: tell }));
  const remove = useMutation(trpc.mechanic.deleteQuoteDraft.mutationOptions({ onError: tell }));
  return {
    /** Saves a new draft (no quoteId) or edits one; rejects with the refusal, for the editor. */
    save: (quote: QuoteDraftInput, quoteId?: string) => save.mutateAsync({ sessionId, quoteId, quote }),
    /** Saves, then sends what was saved. */
    saveAndSend: async (quote: QuoteDraftInput, quoteId?: string) => {
      const draft = await save.mutateAsync({ sessionId, quoteId, quote });
      return send.mutateAsync({ quoteId: draft.id });
    },
    send: (quoteId: string) => send.mutateAsync({ quoteId }).catch(tell),
    revise: (quoteId: string) => revise.mutateAsync({ quoteId }),
    withdraw: (quoteId: string) => withdraw.mutateAsync({ quoteId }),
    remove: (quoteId: string) => remove.mutateAsync({ quoteId }),
    /** The quote an action is running on, to show its button busy. */
    busyQuoteId:
      (send.isPending && send.variables.quoteId) ||
      (revise.isPending && revise.variables.quoteId) ||
      (withdraw.isPending && withdraw.variables.quoteId) ||
      (remove.isPending && remove.variables.quoteId) ||
      null,
  };
}

import { TYPING_INDICATOR } from '@autodoctor/session-core/rules';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { useTRPC } from '../../app/trpc.ts';

/** Tells the other side I am typing: at most once per TYPING_INDICATOR.sendEveryMs, however fast I type. */
export function useTypingSignal(sessionId: string): () => void {
  const trpc = useTRPC();
  const { mutate } = useMutation(trpc.room.typing.mutationOptions());
  const lastSent = useRef(0);
  return useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current < TYPING_INDICATOR.sendEveryMs) return;
    lastSent.current = now;
    mutate({ sessionId });
  }, [mutate, sessionId]);
}

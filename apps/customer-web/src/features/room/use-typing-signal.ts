import { useTypingThrottle } from '@autodoctor/session-room/hooks/use-typing-throttle';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';

/** "I am typing", sent through `room.typing` (see useTypingThrottle). */
export function useTypingSignal(sessionId: string): () => void {
  const trpc = useTRPC();
  const { mutate } = useMutation(trpc.room.typing.mutationOptions());
  return useTypingThrottle(sessionId, mutate);
}

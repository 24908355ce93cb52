import { useMutation } from '@tanstack/react-query';
import { useTypingThrottle } from '../hooks/use-typing-throttle.ts';
import type { RoomTRPC } from './room-trpc.ts';

/** "I am typing", sent through `room.typing` (see useTypingThrottle). */
export function useTypingSignal(trpc: RoomTRPC, sessionId: string): () => void {
  const { mutate } = useMutation(trpc.room.typing.mutationOptions());
  return useTypingThrottle(sessionId, mutate);
}

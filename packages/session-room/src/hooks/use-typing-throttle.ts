import { TYPING_INDICATOR } from '@autodoctor/session-core/rules';
import { useCallback, useRef } from 'react';

/**
 * Tells the other side I am typing: at most once per TYPING_INDICATOR.sendEveryMs, however fast I
 * type. `sendTyping` is the app's `room.typing` mutation.
 */
export function useTypingThrottle(
  sessionId: string,
  sendTyping: (input: { sessionId: string }) => void,
): () => void {
  const lastSent = useRef(0);
  return useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current < TYPING_INDICATOR.sendEveryMs) return;
    lastSent.current = now;
    sendTyping({ sessionId });
  }, [sendTyping, sessionId]);
}

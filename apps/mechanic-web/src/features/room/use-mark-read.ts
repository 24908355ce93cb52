import { useReadMarks } from '@autodoctor/session-room/hooks/use-read-marks';
import type { TranscriptAction, TranscriptState } from '@autodoctor/session-room/model/transcript';
import { useMutation } from '@tanstack/react-query';
import type { Dispatch } from 'react';
import { useTRPC } from '../../app/trpc.ts';

/** Read marks sent through `room.markRead` (see useReadMarks). */
export function useMarkRead(
  sessionId: string,
  transcript: TranscriptState,
  dispatch: Dispatch<TranscriptAction>,
  enabled: boolean,
): (upToId: string) => void {
  const trpc = useTRPC();
  const { mutate } = useMutation(trpc.room.markRead.mutationOptions());
  return useReadMarks({ sessionId, transcript, dispatch, enabled, sendReadMark: mutate });
}

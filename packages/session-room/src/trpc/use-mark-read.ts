import { useMutation } from '@tanstack/react-query';
import type { Dispatch } from 'react';
import { useReadMarks } from '../hooks/use-read-marks.ts';
import type { TranscriptAction, TranscriptState } from '../model/transcript.ts';
import type { RoomTRPC } from './room-trpc.ts';

/** Read marks sent through `room.markRead` (see useReadMarks). */
export function useMarkRead(
  trpc: RoomTRPC,
  sessionId: string,
  transcript: TranscriptState,
  dispatch: Dispatch<TranscriptAction>,
  enabled: boolean,
): (upToId: string) => void {
  const { mutate } = useMutation(trpc.room.markRead.mutationOptions());
  return useReadMarks({ sessionId, transcript, dispatch, enabled, sendReadMark: mutate });
}

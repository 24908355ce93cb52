import { ROOM_LIMITS, type SessionType } from '@autodoctor/session-core/rules';
import { usePhotoUploads } from '@autodoctor/session-room/upload/use-photo-uploads';
import { apiErrorInfo, type ApiErrorInfo } from '@autodoctor/api-client/api-error';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { useTRPC } from '../../app/trpc.ts';
import {
  clearIntakeDraft,
  loadIntakeDraft,
  loadIntakePhotos,
  saveIntakeDraft,
  saveIntakePhotos,
} from './intake-draft.ts';
import { startSessionFormSchema, type StartSessionFormValues } from './start-session-form-schema.ts';

/** What the customer can use to pay now (the intake's options). */
export interface IntakePaymentOptions {
  freeSessionAvailable: boolean;
  credits: number;
}

function defaultType(options: IntakePaymentOptions): SessionType {
  if (options.freeSessionAvailable) return 'free';
  return options.credits > 0 ? 'credit' : 'paid';
}

/**
 * The intake's state: the form (kept as a draft in this tab), its photos, whether it starts later,
 * and the submit, which starts the session or shows what the API refused.
 */
export function useIntakeForm(options: IntakePaymentOptions) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [startLater, setStartLater] = useState(false);
  const [failure, setFailure] = useState<ApiErrorInfo | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const form = useForm<StartSessionFormValues>({
    resolver: zodResolver(startSessionFormSchema),
    defaultValues: { concern: '', type: defaultType(options), ...loadIntakeDraft() },
  });
  const photos = usePhotoUploads(
    { intake: true },
    { max: ROOM_LIMITS.intakePhotosMax, initial: loadIntakePhotos },
  );
  const [photoProblem, setPhotoProblem] = useState<string | null>(null);
  const photoIds = photos.photos.map((photo) => photo.id);
  const photoIdsKey = photoIds.join(',');
  useEffect(() => {
    saveIntakePhotos(photos.photos);
    if (!photos.busy && !photos.hasFailed) setPhotoProblem(null);
    // Once per change of the uploaded set, not on every render.
  }, [photoIdsKey, photos.busy, photos.hasFailed]);

  useEffect(() => {
    const subscription = form.watch((values) => saveIntakeDraft(values as Partial<StartSessionFormValues>));
    return () => subscription.unsubscribe();
  }, [form]);

  const startSession = useMutation(trpc.intake.startSession.mutationOptions());

  // The refusal is shown above the form: bring it into view (the submit button is far below).
  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    // A photo still uploading, or failed, is never dropped silently: the customer decides.
    if (photos.busy || photos.hasFailed) {
      setPhotoProblem(
        photos.busy
          ? 'Wait for the photos to finish uploading, then start the session.'
          : 'A photo did not upload: retry or remove it, then start the session.',
      );
      return;
    }
    try {
      const result = await startSession.mutateAsync({
        ...values,
        scheduledFor: startLater ? values.scheduledFor : undefined,
        photoIds: photoIds.length ? photoIds : undefined,
      });
      if (result.kind === 'checkout') {
        // The draft stays until the payment is confirmed: a cancelled checkout comes back to it.
        window.location.assign(result.checkoutUrl);
        return;
      }
      // The query client has refetched what the new session changed (CHANGE_EFFECTS).
      clearIntakeDraft();
      await navigate({ to: '/sessions/$sessionId', params: { sessionId: result.session.id } });
    } catch (error) {
      const info = apiErrorInfo(error);
      const issues = (error as { data?: { zodIssues?: { path: (string | number)[]; message: string }[] } })
        .data?.zodIssues;
      if (info.code === 'BAD_REQUEST' && issues?.length) {
        for (const issue of issues) {
          form.setError(issue.path.join('.') as FieldPath<StartSessionFormValues>, {
            message: issue.message,
          });
        }
        return;
      }
      // What the customer can use may have changed (credits spent elsewhere, free session used):
      // the query client refetches the intake's options after a refusal too.
      setFailure(info);
    }
  });

  return { form, photos, photoProblem, startLater, setStartLater, failure, failureRef, onSubmit };
}

/** A form of the intake, as its sections take it. */
export type IntakeFormApi = ReturnType<typeof useIntakeForm>['form'];

import { CONCERN_MAX_LENGTH, ROOM_LIMITS, type SessionType } from '@autodoctor/session-core/rules';
import { AttachPhotosButton } from '@autodoctor/session-room/attach-photos-button';
import { UploadTiles } from '@autodoctor/session-room/upload-tiles';
import { usePhotoUploads } from '@autodoctor/session-room/upload/use-photo-uploads';
import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { viewerTimeZone } from '@autodoctor/ui/lib/format';
import { Textarea } from '@autodoctor/ui/textarea';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { apiErrorInfo, type ApiErrorInfo } from '@autodoctor/api-client/api-error';
import { useTRPC } from '../../app/trpc.ts';
import {
  clearIntakeDraft,
  loadIntakeDraft,
  loadIntakePhotos,
  saveIntakeDraft,
  saveIntakePhotos,
} from './intake-draft.ts';
import { PaymentChoice } from './payment-choice.tsx';
import { startSessionFormSchema, type StartSessionFormValues } from './start-session-form-schema.ts';

interface IntakeFormProps {
  freeSessionAvailable: boolean;
  credits: number;
}

/** `YYYY-MM-DDTHH:mm` in the viewer's zone, as `<input type="datetime-local">` takes it. */
function toLocalInputValue(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function defaultType(props: IntakeFormProps): SessionType {
  if (props.freeSessionAvailable) return 'free';
  return props.credits > 0 ? 'credit' : 'paid';
}

/** The intake: vehicle, concern, maybe a later start, and the way to pay. */
export function IntakeForm(props: IntakeFormProps) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [startLater, setStartLater] = useState(false);
  const [failure, setFailure] = useState<ApiErrorInfo | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const form = useForm<StartSessionFormValues>({
    resolver: zodResolver(startSessionFormSchema),
    defaultValues: { concern: '', type: defaultType(props), ...loadIntakeDraft() },
  });
  const { errors, isSubmitting } = form.formState;
  const concernLength = form.watch('concern')?.length ?? 0;
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
  const selectedType = form.watch('type');

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

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="grid gap-6">
      {failure ? (
        <div ref={failureRef} tabIndex={-1} className="outline-none">
          <IntakeFailure failure={failure} />
        </div>
      ) : null}

      <fieldset className="grid gap-4">
        <legend className="mb-2 text-base font-semibold">Your vehicle</legend>
        <div className="grid items-start gap-4 sm:grid-cols-[8rem_1fr_1fr]">
          <FormField label="Year" error={errors.vehicle?.year?.message}>
            {(control) => (
              <Input
                inputMode="numeric"
                autoComplete="off"
                placeholder="e.g. 2017"
                {...control}
                {...form.register('vehicle.year', { valueAsNumber: true })}
              />
            )}
          </FormField>
          <FormField label="Make" error={errors.vehicle?.make?.message}>
            {(control) => <Input placeholder="e.g. Honda" {...control} {...form.register('vehicle.make')} />}
          </FormField>
          <FormField label="Model" error={errors.vehicle?.model?.message}>
            {(control) => <Input placeholder="e.g. Civic" {...control} {...form.register('vehicle.model')} />}
          </FormField>
        </div>
        <FormField
          label="VIN"
          aside="optional"
          description="17 letters and digits, on the dashboard behind the windscreen or in the driver's door frame."
          error={errors.vehicle?.vin?.message}
        >
          {(control) => (
            <Input
              autoComplete="off"
              spellCheck={false}
              maxLength={17}
              className="font-mono uppercase"
              {...control}
              {...form.register('vehicle.vin', {
                setValueAs: (value: string | undefined) => (value?.trim() ? value.trim() : undefined),
              })}
            />
          )}
        </FormField>
      </fieldset>

      <FormField
        label="What is the problem?"
        aside={`${concernLength} / ${CONCERN_MAX_LENGTH}`}
        description="When it happens, what you hear or see, what was done already."
        error={errors.concern?.message}
      >
        {(control) => (
          <Textarea rows={5} maxLength={CONCERN_MAX_LENGTH} {...control} {...form.register('concern')} />
        )}
      </FormField>

      <section aria-labelledby="intake-photos-heading" className="grid gap-2">
        <div className="flex items-baseline justify-between gap-2">
          <h2 id="intake-photos-heading" className="text-sm font-medium">
            Photos
          </h2>
          <span className="text-xs text-muted-foreground">optional</span>
        </div>
        <p className="text-sm text-muted-foreground">
          Up to {ROOM_LIMITS.intakePhotosMax}: the part, a warning light, a leak. JPEG, PNG or WebP, up to{' '}
          {ROOM_LIMITS.photoMaxBytes / (1024 * 1024)} MB each; location data is removed.
        </p>
        <UploadTiles uploads={photos} label="Photos for the mechanic" />
        {photos.tiles.length < ROOM_LIMITS.intakePhotosMax ? (
          <div>
            <AttachPhotosButton onFiles={photos.add}>Add photos</AttachPhotosButton>
          </div>
        ) : null}
        {photoProblem ? (
          <p role="alert" className="text-sm font-medium text-destructive">
            {photoProblem}
          </p>
        ) : null}
      </section>

      <div className="grid gap-3">
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            className="size-4 accent-primary"
            checked={startLater}
            onChange={(event) => setStartLater(event.target.checked)}
          />
          Book it for later
        </label>
        {startLater ? (
          <FormField
            label="Start at"
            description={`In your time zone (${viewerTimeZone()}). The session joins the queue then.`}
            error={errors.scheduledFor?.message}
          >
            {(control) => (
              <Input
                type="datetime-local"
                min={toLocalInputValue(new Date())}
                className="sm:max-w-xs"
                {...control}
                {...form.register('scheduledFor', {
                  setValueAs: (value: string | undefined) => (value ? new Date(value) : undefined),
                })}
              />
            )}
          </FormField>
        ) : null}
      </div>

      <PaymentChoice
        register={form.register('type')}
        selected={selectedType}
        freeSessionAvailable={props.freeSessionAvailable}
        credits={props.credits}
        error={errors.type?.message}
      />

      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <Button type="submit" size="lg" pending={isSubmitting}>
          {selectedType === 'paid' ? 'Continue to payment' : 'Start session'}
        </Button>
        {selectedType === 'paid' ? (
          <p className="text-sm text-muted-foreground">
            You will pay on Stripe's secure page, then come back here.
          </p>
        ) : null}
      </div>
    </form>
  );
}

/** What the API refused, with the way forward. */
function IntakeFailure({ failure }: { failure: ApiErrorInfo }) {
  switch (failure.appCode) {
    case 'ACTIVE_SESSION_CONFLICT':
      return (
        <Alert title="You already have an active session">
          Finish or cancel it before starting another.{' '}
          {failure.activeSessionId ? (
            <Link
              to="/sessions/$sessionId"
              params={{ sessionId: failure.activeSessionId }}
              className="font-medium underline underline-offset-4"
            >
              Go to your active session
            </Link>
          ) : null}
        </Alert>
      );
    case 'INSUFFICIENT_CREDITS':
      return (
        <Alert title="Not enough credits">
          A session takes 1 credit.{' '}
          <Link to="/account" className="font-medium underline underline-offset-4">
            Buy credits
          </Link>{' '}
          or choose another way to pay.
        </Alert>
      );
    case 'FREE_SESSION_USED':
      return <Alert title="You have used your free session">Choose credits or a card payment instead.</Alert>;
    default:
      return <Alert title="The session could not be started">{failure.message}</Alert>;
  }
}

import type { PushKind } from '@autodoctor/session-core/rules';
import { PUSH_KIND_VALUES, PUSH_KINDS } from '@autodoctor/session-core/rules';
import { Label } from '@autodoctor/ui/label';
import { Switch } from '@autodoctor/ui/switch';
import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { toast } from '@autodoctor/ui/lib/toast';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTRPC } from '../../app/trpc.ts';
import type { DevicePushState } from './use-device-push.ts';
import { useDevicePush } from './use-device-push.ts';

/** What the device switch's state means, in a line under it. */
export const DEVICE_PUSH_STATE_TEXT: Record<DevicePushState, string> = {
  loading: 'Checking this device…',
  unsupported: 'This browser cannot show notifications when the app is closed.',
  'server-off': 'Push notifications are not set up on this server.',
  denied:
    'Your browser blocks notifications from this site: allow them in its site settings, then turn this on.',
  on: 'On: this device is notified of new sessions while you are available and the app is closed.',
  off: 'Off: nothing is sent to this device when the app is closed.',
};

export interface PushSettingsViewProps {
  state: DevicePushState;
  busy: boolean;
  problem: string;
  onDeviceChange: (on: boolean) => void;
  /** The kinds the mechanic wants (null: not read yet); a switch each while this device is on. */
  preferences: Record<PushKind, boolean> | null;
  onPreferenceChange: (kind: PushKind, enabled: boolean) => void;
}

/** "Notify me on this device" and, while on, which kinds. */
export function PushSettingsView(props: PushSettingsViewProps) {
  const id = useId();
  const { state, busy, problem, preferences, onPreferenceChange } = props;
  const usable = state === 'on' || state === 'off' || state === 'denied';
  return (
    <fieldset className="grid gap-2 rounded-lg border bg-card px-4 py-3">
      <legend className="float-left w-full text-sm font-medium">When the app is closed</legend>
      <div className="flex items-center gap-2">
        <Switch
          id={`${id}-device`}
          checked={state === 'on'}
          disabled={!usable || busy}
          onCheckedChange={props.onDeviceChange}
          aria-describedby={`${id}-state`}
        />
        <Label htmlFor={`${id}-device`}>Notify me on this device</Label>
      </div>
      <p id={`${id}-state`} className="text-sm text-muted-foreground">
        {DEVICE_PUSH_STATE_TEXT[state]}
      </p>
      {state === 'on' && preferences ? (
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {PUSH_KIND_VALUES.map((kind) => (
            <div key={kind} className="flex items-center gap-2">
              <Switch
                id={`${id}-${kind}`}
                checked={preferences[kind]}
                onCheckedChange={(enabled) => onPreferenceChange(kind, enabled)}
              />
              <Label htmlFor={`${id}-${kind}`}>{PUSH_KINDS[kind].label}</Label>
            </div>
          ))}
        </div>
      ) : null}
      {problem ? (
        <p role="alert" className="text-sm text-destructive">
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Which kinds of push the mechanic wants (their notification preferences, channel push: every device). */
function usePushPreferences() {
  const trpc = useTRPC();
  const preferences = useQuery(trpc.account.notificationPreferences.queryOptions());
  const change = useMutation(
    trpc.account.setNotificationPreference.mutationOptions({
      onError: (error) => toast.error(`Your choice was not saved. ${apiErrorInfo(error).message}`),
    }),
  );
  const push = preferences.data?.push;
  return {
    preferences: push
      ? (Object.fromEntries(push.map(({ kind, enabled }) => [kind, enabled])) as Record<PushKind, boolean>)
      : null,
    setPreference: (kind: PushKind, enabled: boolean) => change.mutate({ channel: 'push', kind, enabled }),
  };
}

/** The mechanic's Web Push settings for this device. */
export function PushSettings() {
  const push = useDevicePush();
  const { preferences, setPreference } = usePushPreferences();
  return (
    <PushSettingsView
      state={push.state}
      busy={push.busy}
      problem={push.problem}
      onDeviceChange={push.setOn}
      preferences={preferences}
      onPreferenceChange={setPreference}
    />
  );
}

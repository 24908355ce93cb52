import { Label } from '@autodoctor/ui/label';
import { Switch } from '@autodoctor/ui/switch';
import { useId, useState } from 'react';
import { setAlertPreferences, useAlertPreferences } from './alert-preferences.ts';
import { notificationsSupported, primeChime, requestNotificationPermission } from './new-session-alert.ts';

/** Opt-in sound and desktop notification for new sessions while the tab is in the background. */
export function AlertSettings() {
  const id = useId();
  const preferences = useAlertPreferences();
  const [notice, setNotice] = useState('');

  async function toggleNotifications(on: boolean) {
    setNotice('');
    if (on && !(await requestNotificationPermission())) {
      setNotice('Your browser blocks notifications from this site: allow them in its site settings.');
      return;
    }
    setAlertPreferences({ notifications: on });
  }

  return (
    <fieldset className="grid gap-2 rounded-lg border bg-card px-4 py-3">
      {/* Floated: laid out inside the box, so a legend that wraps (on a phone) stays off its border. */}
      <legend className="float-left w-full text-sm font-medium">
        New-session alerts while you are available and this tab is in the background
      </legend>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <div className="flex items-center gap-2">
          <Switch
            id={`${id}-sound`}
            checked={preferences.sound}
            onCheckedChange={(on) => {
              if (on) primeChime();
              setAlertPreferences({ sound: on });
            }}
          />
          <Label htmlFor={`${id}-sound`}>Play a sound for new sessions</Label>
        </div>
        {notificationsSupported() ? (
          <div className="flex items-center gap-2">
            <Switch
              id={`${id}-notify`}
              checked={preferences.notifications}
              onCheckedChange={(on) => void toggleNotifications(on)}
            />
            <Label htmlFor={`${id}-notify`}>Show a desktop notification</Label>
          </div>
        ) : null}
      </div>
      {notice ? (
        <p role="alert" className="text-sm text-destructive">
          {notice}
        </p>
      ) : null}
    </fieldset>
  );
}

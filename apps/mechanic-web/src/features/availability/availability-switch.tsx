import { Label } from '@autodoctor/ui/label';
import { Switch } from '@autodoctor/ui/switch';
import { useId } from 'react';
import { useAvailability } from './use-availability.ts';

/** The header's online / offline switch. */
export function AvailabilitySwitch() {
  const id = useId();
  const { online, loaded, changing, setOnline } = useAvailability();

  return (
    <div className="flex items-center gap-2">
      <Switch
        id={id}
        checked={online}
        disabled={!loaded || changing}
        onCheckedChange={setOnline}
        aria-describedby={`${id}-state`}
      />
      <Label htmlFor={id} className="text-sm">
        Available
      </Label>
      <span id={`${id}-state`} className="sr-only">
        {online ? 'You are online: you are alerted about new sessions.' : 'You are offline.'}
      </span>
    </div>
  );
}

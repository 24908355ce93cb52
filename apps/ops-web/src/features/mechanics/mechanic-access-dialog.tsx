import { toast } from '@autodoctor/ui/lib/toast';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';
import { ReasonDialog } from '../../components/reason-dialog.tsx';
import type { RosterEntry } from './mechanic-status.ts';

/**
 * Disables a mechanic (signed out everywhere, no sign-in or accept; a session they had accepted or
 * were live in goes back to the queue), or enables a disabled one again.
 */
export function MechanicAccessDialog({ mechanic }: { mechanic: RosterEntry }) {
  const trpc = useTRPC();
  // The roster is refetched when these settle (CHANGE_EFFECTS).
  const disable = useMutation(trpc.ops.disableMechanic.mutationOptions());
  const enable = useMutation(trpc.ops.enableMechanic.mutationOptions());

  if (mechanic.status === 'disabled') {
    return (
      <ReasonDialog
        trigger="Enable"
        triggerSuffix={mechanic.name}
        title={`Enable ${mechanic.name}`}
        description="They can sign in and accept sessions again."
        confirm="Enable mechanic"
        pending={enable.isPending}
        onConfirm={async (reason) => {
          await enable.mutateAsync({ mechanicUserId: mechanic.id, reason });
          toast.success(`${mechanic.name} is enabled again.`);
        }}
      />
    );
  }
  return (
    <ReasonDialog
      trigger="Disable"
      triggerSuffix={mechanic.name}
      title={`Disable ${mechanic.name}`}
      description={
        <>
          They are signed out everywhere at once and cannot sign in or accept sessions until enabled again.
          {mechanic.activeSessionId
            ? ' The session they are in goes back to the queue, keeping its place, for another mechanic.'
            : ''}
        </>
      }
      confirm="Disable mechanic"
      destructive
      pending={disable.isPending}
      onConfirm={async (reason) => {
        const result = await disable.mutateAsync({ mechanicUserId: mechanic.id, reason });
        toast.success(
          result.requeuedSessionId
            ? `${mechanic.name} is disabled; their session is back in the queue.`
            : `${mechanic.name} is disabled.`,
        );
      }}
    />
  );
}

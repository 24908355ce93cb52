import { useSubscription } from '@trpc/tanstack-react-query';
import { useTRPC } from '../../app/trpc.ts';

/**
 * How many mechanics are online, live (`intake.mechanicsOnline`): the API pushes
 * the count as mechanics switch on or off. Until its first value arrives, `read`
 * (the count a query already brought) is shown, so the first paint waits for
 * nothing; after a reconnect the feed starts again with the count now.
 */
export function useMechanicsOnline(read: number | undefined): number | undefined {
  const trpc = useTRPC();
  const subscription = useSubscription(trpc.intake.mechanicsOnline.subscriptionOptions());
  return subscription.data?.mechanicsOnline ?? read;
}

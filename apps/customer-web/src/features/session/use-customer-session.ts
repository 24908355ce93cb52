import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';

/** One of the customer's sessions; live events keep it current (see useSessionFeed). */
export function useCustomerSession(sessionId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.customer.session.queryOptions({ sessionId }));
}

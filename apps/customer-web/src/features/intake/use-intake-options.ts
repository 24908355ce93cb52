import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';

/** Whether the free session is still available, and the credit balance. */
export function useIntakeOptions() {
  const trpc = useTRPC();
  return useQuery(trpc.intake.options.queryOptions());
}

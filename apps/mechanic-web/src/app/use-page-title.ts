import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queueQueryOptions } from '../features/queue/queue-query.ts';
import { useTRPC } from './trpc.ts';

/** The tab's title: the page, led by how many sessions wait, e.g. "(3) Queue · AutoDoctor". */
export function usePageTitle(page: string): void {
  const trpc = useTRPC();
  const { data: waiting } = useQuery({ ...queueQueryOptions(trpc), select: (queue) => queue.entries.length });
  useEffect(() => {
    document.title = `${waiting ? `(${waiting}) ` : ''}${page} · AutoDoctor`;
  }, [waiting, page]);
}

import { Toaster } from '@autodoctor/ui/toaster';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useState } from 'react';
import { createQueryClient } from '@autodoctor/api-client/query-client';
import { onlyWhileSignedIn } from '@autodoctor/auth-client/auth-client';
import { createAppRouter } from './router.tsx';
import { createApiClient, TRPCProvider } from './trpc.ts';

export function App() {
  const [queryClient] = useState(() => onlyWhileSignedIn(createQueryClient()));
  const [trpcClient] = useState(createApiClient);
  const [router] = useState(() => createAppRouter(queryClient));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <RouterProvider router={router} />
        <Toaster />
      </TRPCProvider>
    </QueryClientProvider>
  );
}

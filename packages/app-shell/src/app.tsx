import { createQueryClient } from '@autodoctor/api-client/query-client';
import { authSessionQuery, onlyWhileSignedIn } from '@autodoctor/auth-client/auth-client';
import { toast } from '@autodoctor/ui/lib/toast';
import { Toaster } from '@autodoctor/ui/toaster';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { RouterProvider, type AnyRouter } from '@tanstack/react-router';
import { StrictMode, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

export interface AppProps<TClient> {
  /** The app's tRPC client (its `createApiClient`), told what to do when the sign-in ends. */
  createApiClient: (options: { onSignInEnded: () => void }) => TClient;
  /** The app's `TRPCProvider` (from `createTRPCContext`, typed by the app with the API's router). */
  TRPCProvider: ComponentType<{ trpcClient: TClient; queryClient: QueryClient; children: ReactNode }>;
  /** The app's router; `trpcClient` for its loaders (e.g. through `createTRPCOptionsProxy`). */
  createRouter: (queryClient: QueryClient, trpcClient: TClient) => AnyRouter;
}

/** An app's providers: the query client (emptied at sign-out), the tRPC client, the router, the toasts. */
export function App<TClient>({ createApiClient, TRPCProvider, createRouter }: AppProps<TClient>) {
  const [queryClient] = useState(() => {
    const client = onlyWhileSignedIn(createQueryClient());
    // Every screen's guard asks who is signed in: ask at once, not after React's first render.
    client.query(authSessionQuery).catch(() => undefined);
    return client;
  });
  // The API said UNAUTHORIZED (signed out everywhere, the account disabled): to the sign-in screen,
  // once, saying why, with nothing of the old sign-in kept.
  const signInEnded = useRef(() => {});
  const [trpcClient] = useState(() => createApiClient({ onSignInEnded: () => signInEnded.current() }));
  const [router] = useState(() => createRouter(queryClient, trpcClient));
  signInEnded.current = () => {
    if (router.state.location.pathname === '/sign-in') return;
    queryClient.clear();
    toast.message('You were signed out. Sign in again to continue.', { id: 'sign-in-ended' });
    void router.navigate({ to: '/sign-in' });
  };
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <RouterProvider router={router} />
        <Toaster />
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/** Renders an app into its page's `#root`. */
export function mountApp<TClient>(props: AppProps<TClient>): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App {...props} />
    </StrictMode>,
  );
}

import { lazy, Suspense } from 'react';

// Loaded after the first screen: no toast is shown before the app has loaded.
const Sonner = lazy(() => import('sonner').then((module) => ({ default: module.Toaster })));

/** Where toasts appear (sonner, an aria-live region); call `toast` from `@autodoctor/ui/lib/toast` to show one. */
export function Toaster() {
  return (
    <Suspense fallback={null}>
      <Sonner position="top-center" richColors closeButton toastOptions={{ duration: 6000 }} />
    </Suspense>
  );
}

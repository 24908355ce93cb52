import { Toaster as Sonner } from 'sonner';

/** Where toasts appear (sonner, an aria-live region); call `toast()` from `sonner` to show one. */
export function Toaster() {
  return <Sonner position="top-center" richColors closeButton toastOptions={{ duration: 6000 }} />;
}

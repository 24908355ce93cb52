// sonner loads after the first screen (see toaster.tsx), so no page ships it in its first load:
// these calls wait for it. The Toaster and `toast` share sonner's module, hence its state.
const sonner = () => import('sonner');

/** Shows a toast in the app's Toaster (sonner's `toast.error` / `.success` / plain, loaded on first use). */
export const toast = {
  error: (message: string): void => void sonner().then((module) => module.toast.error(message)),
  success: (message: string): void => void sonner().then((module) => module.toast.success(message)),
  /**
   * A neutral notice (sonner's plain toast: rich colours' info blue fails contrast). `id`: a second
   * toast with the same id replaces the first rather than stacking.
   */
  message: (message: string, options: { id?: string } = {}): void =>
    void sonner().then((module) => module.toast(message, options)),
};

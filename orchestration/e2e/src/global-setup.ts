import { assertChromiumInstalled } from './chromium.ts';
import { shareProductState } from './product-state.ts';
import { startProduct } from './run-product.ts';

/**
 * Starts the product as the README does (`pnpm dev`), on a throwaway database,
 * for the whole run, and stops it after. The API restarts on SIGUSR2 (orchestration/dev).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  assertChromiumInstalled();
  const product = await startProduct('dev', {
    // A pause long enough for a browser to notice that the API is gone.
    AUTODOCTOR_API_RESTART_PAUSE_MS: '4000',
    // Every journey signs up from 127.0.0.1: the limits stay on, ten times as wide.
    RATE_LIMIT_MULTIPLIER: '10',
  });
  shareProductState(product.state);
  return product.stop;
}

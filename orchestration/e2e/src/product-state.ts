/** Where `pnpm dev` runs the product under test (written by it to AUTODOCTOR_DEV_STATE_FILE). */
export interface ProductState {
  pid: number;
  customerUrl: string;
  mechanicUrl: string;
  opsUrl: string;
  apiUrl: string;
  stripeEmulatorUrl: string;
  /** The mail catcher's web inbox: `GET <it>/api/messages` lists every email sent (see mail.ts). */
  mailInboxUrl: string;
  databaseUrl: string;
}

const ENV_KEY = 'AUTODOCTOR_E2E_PRODUCT';

export function shareProductState(state: ProductState): void {
  process.env[ENV_KEY] = JSON.stringify(state);
}

export function productState(): ProductState {
  const raw = process.env[ENV_KEY];
  if (!raw) throw new Error('The product is not running: start the tests with `pnpm test:e2e`.');
  return JSON.parse(raw) as ProductState;
}

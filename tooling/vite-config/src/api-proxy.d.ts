export declare const APP_HEADER = 'x-autodoctor-app';
export declare const API_PATHS: readonly [
  '/trpc',
  '/api/auth',
  '/api/photos',
  '/api/unsubscribe',
  '/api/account',
];
export declare function hopByHopHeaders(
  names: Iterable<string>,
  connection: string | string[] | null | undefined,
): string[];
export declare function gatewayErrorBody(path: string): string;

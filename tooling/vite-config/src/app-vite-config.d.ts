import type { UserConfig } from 'vite';

export declare const APP_HEADER = 'x-autodoctor-app';
export declare const API_PATHS: readonly ['/trpc', '/api/auth', '/api/photos'];
export declare function appViteConfig(options: { app: 'customer' | 'mechanic'; port: number }): UserConfig;

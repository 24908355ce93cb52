import type { UserConfig } from 'vite';

export { API_PATHS, APP_HEADER, gatewayErrorBody, hopByHopHeaders } from './api-proxy.js';
export declare function appViteConfig(options: {
  app: 'customer' | 'mechanic' | 'ops';
  port: number;
}): UserConfig;

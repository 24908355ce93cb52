import { fileURLToPath } from 'node:url';

/** deploy/nginx: the load balancer's configuration, which tests read and the local cluster runs. */
export const NGINX_DIR = fileURLToPath(new URL('../../../../deploy/nginx/', import.meta.url));

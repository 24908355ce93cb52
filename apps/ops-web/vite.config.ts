import { appViteConfig } from '@autodoctor/vite-config';

export default appViteConfig({ app: 'ops', port: 5175 });

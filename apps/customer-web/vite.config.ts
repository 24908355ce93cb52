import { appViteConfig } from '@autodoctor/vite-config';

export default appViteConfig({ app: 'customer', port: 5173 });

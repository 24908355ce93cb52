import { appViteConfig } from '@autodoctor/vite-config';

export default appViteConfig({ app: 'mechanic', port: 5174 });

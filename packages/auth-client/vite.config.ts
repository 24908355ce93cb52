import react from '@vitejs/plugin-react';
import { sourceResolve } from '@autodoctor/vite-config/source-condition';
import { defineConfig } from 'vite';

// Only for the component tests (the package is consumed as source by the apps).
export default defineConfig({ plugins: [react()], ...sourceResolve });

import { mountApp } from '@autodoctor/app-shell/app';
import { createRouter } from './app/router.tsx';
import { createApiClient, TRPCProvider } from './app/trpc.ts';
import './styles.css';

mountApp({ createApiClient, TRPCProvider, createRouter });

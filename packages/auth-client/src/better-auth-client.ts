import { createAuthClient } from 'better-auth/client';

// Same origin: the app's server forwards /api/auth to the API (first-party cookies).
// Loaded only when someone signs in, up or out (see loadAuthClient): it is not
// needed to draw a screen.
export const authClient = createAuthClient({ basePath: '/api/auth' });

import { creditPackIdSchema } from '@autodoctor/session-core';
import { z } from 'zod';

/** Which credit pack to buy. */
export const buyCreditsInput = z.object({ packId: creditPackIdSchema });

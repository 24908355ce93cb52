import { RECEIPT_KIND_VALUES } from '@autodoctor/session-core/rules';
import { z } from 'zod';

/** One receipt: a card payment (named by its session) or a credit purchase (by the purchase). */
export const receiptInput = z.object({ kind: z.enum(RECEIPT_KIND_VALUES), id: z.uuid() });

import { OPERATOR_REASON } from '@autodoctor/session-core/rules';
import { z } from 'zod';

/** Why an operator acts: kept with the action in the audit (session-core's OPERATOR_REASON). */
export const operatorReason = z.string().trim().min(OPERATOR_REASON.min).max(OPERATOR_REASON.max);

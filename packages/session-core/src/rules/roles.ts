import { USER_ROLE_VALUES } from '@autodoctor/db/enum-values';

/** Who a user is: customers sign up; mechanics and operators are made by a CLI (or an invitation). */
export const USER_ROLES = USER_ROLE_VALUES;
export type UserRole = (typeof USER_ROLES)[number];

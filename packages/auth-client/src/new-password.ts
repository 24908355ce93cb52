import { signUpSchema } from '@autodoctor/session-core/rules';

/** A new password's errors: the rules of sign-up (ACCOUNT_LIMITS), and the second typing matching. */
export interface NewPasswordErrors {
  newPassword?: string;
  confirmation?: string;
}

export function checkNewPassword(newPassword: string, confirmation: string): NewPasswordErrors {
  const errors: NewPasswordErrors = {};
  const parsed = signUpSchema.shape.password.safeParse(newPassword);
  if (!parsed.success) errors.newPassword = parsed.error.issues[0]?.message ?? 'Choose another password';
  else if (confirmation !== newPassword) errors.confirmation = 'The two passwords are not the same';
  return errors;
}

import { ForgotPasswordForm } from '@autodoctor/auth-client/forgot-password-form';
import { AuthLayout } from '@autodoctor/ui/auth-layout';
import { Link } from '@tanstack/react-router';

export const TEXT_LINK_CLASS = 'font-medium text-primary underline-offset-4 hover:underline';

/** "Forgot your password?" (linked from sign-in): the address, then a link by email. */
export function ForgotPasswordPage() {
  return (
    <AuthLayout
      title="Forgot your password?"
      description="Enter your account's email address: we will send you a link to choose a new password."
      footer={
        <Link to="/sign-in" className={TEXT_LINK_CLASS}>
          Back to sign in
        </Link>
      }
    >
      <ForgotPasswordForm />
    </AuthLayout>
  );
}

import { SignInForm } from '@autodoctor/auth-client/sign-in-form';
import { AuthLayout } from '@autodoctor/ui/auth-layout';
import { Link, useNavigate } from '@tanstack/react-router';

export function SignInPage() {
  const navigate = useNavigate();
  return (
    <AuthLayout
      title="Sign in to operations"
      description="Analytics of the queue, the sessions and the money, for AutoDoctor's operators."
      footer="Operator accounts are made by AutoDoctor (pnpm operator:create); there is no sign-up here."
    >
      <div className="grid gap-4">
        <SignInForm onSignedIn={() => navigate({ to: '/' })} />
        <Link
          to="/forgot-password"
          className="justify-self-center text-sm font-medium text-primary underline-offset-4 hover:underline"
        >
          Forgot your password?
        </Link>
      </div>
    </AuthLayout>
  );
}

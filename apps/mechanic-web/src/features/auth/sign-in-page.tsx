import { SignInForm } from '@autodoctor/auth-client/sign-in-form';
import { AuthLayout } from '@autodoctor/ui/auth-layout';
import { useNavigate } from '@tanstack/react-router';

export function SignInPage() {
  const navigate = useNavigate();
  return (
    <AuthLayout
      title="Sign in for mechanics"
      description="See the live queue of customers waiting for help."
      footer="Mechanic accounts are made by AutoDoctor (pnpm mechanic:create); there is no sign-up here."
    >
      <SignInForm onSignedIn={() => navigate({ to: '/' })} />
    </AuthLayout>
  );
}

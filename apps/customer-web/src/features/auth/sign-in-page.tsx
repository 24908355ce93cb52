import { SignInForm } from '@autodoctor/auth-client/sign-in-form';
import { AuthLayout } from '@autodoctor/ui/auth-layout';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';

export function SignInPage() {
  const search = useSearch({ from: '/sign-in' });
  const navigate = useNavigate();
  return (
    <AuthLayout
      title="Sign in"
      description="Talk your car problem through with a mechanic."
      footer={
        <>
          New to AutoDoctor?{' '}
          <Link
            to="/sign-up"
            search={search}
            className="font-medium text-primary underline-offset-4 hover:underline"
          >
            Create an account
          </Link>
        </>
      }
    >
      <div className="grid gap-4">
        <SignInForm onSignedIn={() => navigate({ to: search.redirect ?? '/' })} />
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

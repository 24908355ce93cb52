import { AuthLayout } from '@autodoctor/ui/auth-layout';
import { Button } from '@autodoctor/ui/button';
import { Link } from '@tanstack/react-router';

/** After deleting the account: signed out everywhere, and what happened. */
export function GoodbyePage() {
  return (
    <AuthLayout
      title="Your account is deleted"
      description="Your personal data is erased and you are signed out on every device. Thank you for using AutoDoctor."
      footer={null}
    >
      <Button asChild variant="outline" className="w-full">
        <Link to="/sign-up">Create a new account</Link>
      </Button>
    </AuthLayout>
  );
}

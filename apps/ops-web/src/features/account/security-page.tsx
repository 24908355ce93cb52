import { AccountPageFrame } from '@autodoctor/app-shell/account-nav';
import { AccountSecuritySections } from '@autodoctor/app-shell/account-security-page';
import { useRouteContext } from '@tanstack/react-router';
import { ACCOUNT_LINKS } from './account-links.ts';

export function SecurityPage() {
  const { user } = useRouteContext({ from: '/signed-in' });
  return (
    <AccountPageFrame title="Security" links={ACCOUNT_LINKS}>
      <AccountSecuritySections user={user} />
    </AccountPageFrame>
  );
}

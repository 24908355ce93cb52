import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

/** The account pages' own navigation (Credits, Security, Notifications …), each a link. */
export function AccountNav({ links }: { links: { to: string; label: string }[] }) {
  return (
    <nav aria-label="Account" className="flex flex-wrap gap-1 border-b">
      {links.map((link) => (
        <Link
          key={link.to}
          to={link.to}
          activeOptions={{ exact: true }}
          className="-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-muted-foreground hover:text-foreground aria-[current=page]:border-primary aria-[current=page]:text-foreground"
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}

/** An account page: its heading, the account navigation, its sections. */
export function AccountPageFrame({
  title,
  links,
  children,
}: {
  title: string;
  links: { to: string; label: string }[];
  children: ReactNode;
}) {
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <AccountNav links={links} />
      {children}
    </div>
  );
}

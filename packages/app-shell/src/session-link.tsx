import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

/** The app's router link to a session's page (both apps have `/sessions/$sessionId`). */
export function SessionLink({
  sessionId,
  className,
  children,
}: {
  sessionId: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Link to="/sessions/$sessionId" params={{ sessionId }} className={className}>
      {children}
    </Link>
  );
}

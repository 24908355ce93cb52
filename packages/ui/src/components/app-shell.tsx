import { Wrench } from 'lucide-react';
import type { ReactNode } from 'react';

/** A link of the header's navigation (the router marks the current one with data-status="active"). */
export const NAV_LINK_CLASS =
  'rounded-md px-3 py-2 text-sm font-medium text-muted-foreground hover:bg-accent hover:text-foreground data-[status=active]:bg-accent data-[status=active]:text-foreground';

export interface AppShellProps {
  /** The app's name beside the logo, e.g. "for mechanics". */
  product?: string;
  /** A link to the home screen wrapping the logo (the app's router link). */
  home: (content: ReactNode) => ReactNode;
  nav?: ReactNode;
  /** Right side of the header: connection, account. */
  actions?: ReactNode;
  /** Under the header, above the page: the active-session banner, offline notice. */
  notices?: ReactNode;
  children: ReactNode;
}

/** The frame of every signed-in screen: skip link, header, notices, main. */
export function AppShell({ product, home, nav, actions, notices, children }: AppShellProps) {
  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-card focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <header className="border-b bg-card">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          {home(
            <span className="flex items-center gap-2 font-semibold">
              <span className="grid size-8 place-items-center rounded-md bg-primary text-primary-foreground">
                <Wrench className="size-4" aria-hidden="true" />
              </span>
              AutoDoctor
              {product ? ' ' : null}
              {product ? <span className="font-normal text-muted-foreground">{product}</span> : null}
            </span>,
          )}
          {nav ? (
            <nav aria-label="Main" className="order-3 flex w-full flex-wrap gap-1 sm:order-none sm:w-auto">
              {nav}
            </nav>
          ) : null}
          <div className="ml-auto flex items-center gap-3">{actions}</div>
        </div>
      </header>
      {notices ? <div className="mx-auto grid max-w-5xl gap-3 px-4 pt-4">{notices}</div> : null}
      <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-6 outline-none">
        {children}
      </main>
    </div>
  );
}

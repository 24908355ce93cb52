import { Card, CardContent, CardDescription, CardHeader } from './card.tsx';
import { Wrench } from 'lucide-react';
import type { ReactNode } from 'react';

/** The frame of the signed-out screens. */
export function AuthLayout({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <main className="grid min-h-dvh place-items-center px-4 py-10">
      <div className="grid w-full max-w-sm gap-6">
        <div className="flex items-center justify-center gap-2 text-lg font-semibold">
          <span className="grid size-9 place-items-center rounded-md bg-primary text-primary-foreground">
            <Wrench className="size-5" aria-hidden="true" />
          </span>
          AutoDoctor
        </div>
        <Card>
          <CardHeader>
            <h1 className="text-xl font-semibold">{title}</h1>
            <CardDescription>{description}</CardDescription>
          </CardHeader>
          <CardContent>{children}</CardContent>
        </Card>
        <p className="text-center text-sm text-muted-foreground">{footer}</p>
      </div>
    </main>
  );
}

import { AlertCircle, CheckCircle2, Info } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '../lib/cn.ts';

const TONES = {
  error: { box: 'border-destructive/40 bg-destructive/5 text-destructive', Icon: AlertCircle, role: 'alert' },
  info: { box: 'border-blue-200 bg-blue-50 text-blue-950', Icon: Info, role: 'status' },
  success: { box: 'border-green-200 bg-green-50 text-green-950', Icon: CheckCircle2, role: 'status' },
} as const;

/** A message about a whole form or page; errors are `role="alert"`, the rest `role="status"`. */
export function Alert({
  tone = 'error',
  title,
  children,
  className,
}: {
  tone?: keyof typeof TONES;
  title?: string;
  children?: ReactNode;
  className?: string;
}) {
  const { box, Icon, role } = TONES[tone];
  return (
    <div role={role} className={cn('flex gap-2 rounded-md border px-3 py-2.5 text-sm', box, className)}>
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <div className="grid gap-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div>{children}</div> : null}
      </div>
    </div>
  );
}

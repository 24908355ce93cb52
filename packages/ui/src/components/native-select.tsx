import type { ComponentProps } from 'react';
import { cn } from '../lib/cn.ts';
import { fieldControlClass } from './input.tsx';

/** The browser's own select, styled: accessible and usable on phones as it is. */
export function NativeSelect({ className, ...props }: ComponentProps<'select'>) {
  return <select className={cn(fieldControlClass, 'h-10 pr-8', className)} {...props} />;
}

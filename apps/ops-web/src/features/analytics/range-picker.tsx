import { Button } from '@autodoctor/ui/button';
import { Input } from '@autodoctor/ui/input';
import { Label } from '@autodoctor/ui/label';
import { Link, useNavigate } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { RANGE_PRESETS, type AnalyticsSearch } from './analytics-range.ts';

const CHOICE_CLASS =
  'rounded-md border px-3 py-1.5 text-sm font-medium hover:bg-accent aria-[current=page]:border-primary aria-[current=page]:bg-primary aria-[current=page]:text-primary-foreground';

/** The range: a preset (links, so the range is in the address; the router marks the current one) or two days of the operator's own. */
export function RangePicker({ search }: { search: AnalyticsSearch }) {
  const navigate = useNavigate();
  const fromId = useId();
  const toId = useId();
  const [from, setFrom] = useState(search.from ?? '');
  const [to, setTo] = useState(search.to ?? '');

  function applyCustom(event: FormEvent) {
    event.preventDefault();
    void navigate({ to: '/', search: { range: 'custom', from: from || undefined, to: to || undefined } });
  }

  return (
    <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
      <nav aria-label="Range" className="flex flex-wrap gap-2">
        {RANGE_PRESETS.map((preset) => (
          <Link key={preset.id} to="/" search={{ range: preset.id }} className={CHOICE_CLASS}>
            {preset.label}
          </Link>
        ))}
      </nav>
      <form onSubmit={applyCustom} aria-label="Custom range" className="flex flex-wrap items-end gap-2">
        <div className="grid gap-1">
          <Label htmlFor={fromId}>First day</Label>
          <Input id={fromId} type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={toId}>Last day</Label>
          <Input id={toId} type="date" value={to} onChange={(event) => setTo(event.target.value)} />
        </div>
        <Button type="submit" variant={search.range === 'custom' ? 'default' : 'outline'}>
          Show these days
        </Button>
      </form>
    </div>
  );
}

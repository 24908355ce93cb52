import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FormField } from './form-field.tsx';
import { Input } from './input.tsx';

describe('FormField', () => {
  it('ties the label, the hint and the error to the control', () => {
    render(
      <FormField label="VIN" description="17 characters" error="VIN must be 17 characters">
        {(control) => <Input {...control} />}
      </FormField>,
    );
    const input = screen.getByLabelText('VIN');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = input.getAttribute('aria-describedby')?.split(' ') ?? [];
    const texts = describedBy.map((id) => document.getElementById(id)?.textContent);
    expect(texts).toEqual(['17 characters', 'VIN must be 17 characters']);
    expect(screen.getByRole('alert').textContent).toBe('VIN must be 17 characters');
  });

  it('is valid and quiet without an error', () => {
    render(<FormField label="Make">{(control) => <Input {...control} />}</FormField>);
    expect(screen.getByLabelText('Make').getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

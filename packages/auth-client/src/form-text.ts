/** A text field's value from a submitted form ('' when absent; a file field is never text). */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

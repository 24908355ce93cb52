import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { mechanicInvitationSchema } from '@autodoctor/session-core/rules';
import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { Dialog, DialogContent, DialogTrigger } from '@autodoctor/ui/dialog';
import { FormField } from '@autodoctor/ui/form-field';
import { Input } from '@autodoctor/ui/input';
import { toast } from '@autodoctor/ui/lib/toast';
import { useMutation } from '@tanstack/react-query';
import { UserPlus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../../app/trpc.ts';

/** What the operator typed. */
export interface InvitationFields {
  email: string;
  name: string;
}

/** What is wrong, by field, or with the invitation as a whole (`form`). */
export type InvitationErrors = Partial<Record<keyof InvitationFields | 'form', string>>;

/** Says under the email field that the address is taken: nobody was invited, nothing was sent. */
export const ACCOUNT_EXISTS_MESSAGE =
  'This address already has an AutoDoctor account (a customer’s, a mechanic’s or an operator’s). Use another one.';

/** The invitation as the API takes it (the same schema checks it there), or what is wrong by field. */
export function checkInvitation(
  fields: InvitationFields,
): { invitation: InvitationFields } | { errors: InvitationErrors } {
  const parsed = mechanicInvitationSchema.safeParse(fields);
  if (parsed.success) return { invitation: parsed.data };
  const errors: InvitationErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] === 'name' ? 'name' : 'email';
    errors[field] ??= issue.message;
  }
  return { errors };
}

/** What the API's refusal means for the form: a taken address at its field, anything else above it. */
export function invitationRefusal(error: unknown): InvitationErrors {
  const info = apiErrorInfo(error);
  if (info.appCode === 'ACCOUNT_EXISTS') return { email: ACCOUNT_EXISTS_MESSAGE };
  return { form: info.message };
}

/**
 * Invites a mechanic: an account with no password, and an email whose link (7 days, once) sets it
 * in the mechanic app. The roster is refetched when the call settles (CHANGE_EFFECTS): the new
 * mechanic shows as "Invited".
 */
export function InviteMechanicDialog() {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [fields, setFields] = useState<InvitationFields>({ email: '', name: '' });
  const [errors, setErrors] = useState<InvitationErrors>({});
  const invite = useMutation(trpc.ops.inviteMechanic.mutationOptions());

  function change(field: keyof InvitationFields, value: string) {
    setFields((current) => ({ ...current, [field]: value }));
  }

  function openChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setFields({ email: '', name: '' });
      setErrors({});
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkInvitation(fields);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const { invitation } = checked;
    invite.mutate(invitation, {
      onSuccess: () => {
        toast.success(`Invitation sent to ${invitation.name} (${invitation.email}).`);
        openChange(false);
      },
      onError: (error) => setErrors(invitationRefusal(error)),
    });
  }

  return (
    <Dialog open={open} onOpenChange={openChange}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden="true" />
          Invite mechanic
        </Button>
      </DialogTrigger>
      <DialogContent
        title="Invite a mechanic"
        description="They get an email with a link to set their password in the mechanic app. The link works for 7 days, once."
      >
        <form onSubmit={submit} noValidate className="grid gap-4">
          {errors.form ? <Alert title="The invitation was not sent">{errors.form}</Alert> : null}
          <FormField label="Email" error={errors.email}>
            {(control) => (
              <Input
                {...control}
                type="email"
                autoComplete="off"
                spellCheck={false}
                value={fields.email}
                onChange={(event) => change('email', event.target.value)}
              />
            )}
          </FormField>
          <FormField label="Name" error={errors.name}>
            {(control) => (
              <Input
                {...control}
                autoComplete="off"
                value={fields.name}
                onChange={(event) => change('name', event.target.value)}
              />
            )}
          </FormField>
          <Button type="submit" pending={invite.isPending}>
            Send invitation
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}

// Compiled the same by whichever tool and tsconfig loads it (the API runs these with tsx).
/** @jsxRuntime automatic @jsxImportSource react */
import { Action, Note, Paragraph } from '../layout.tsx';
import { formatDateTimeUtc, subjectLine } from '../format.ts';
import type { MailTemplate } from '../template.ts';

const ignoreIfNotYou = 'If you did not ask for this, you can ignore this email: nothing changes.';

export const verifyEmail: MailTemplate<'verify_email'> = ({ name, url }) => ({
  subject: 'Confirm your email address for AutoDoctor',
  preview: 'One click to confirm your address and get receipts and session updates by email.',
  heading: 'Confirm your email address',
  body: (
    <>
      <Paragraph>Hi {name},</Paragraph>
      <Paragraph>
        Confirm this address to get receipts and session updates from AutoDoctor by email.
      </Paragraph>
      <Action href={url} showUrl>
        Confirm my email address
      </Action>
      <Note>{ignoreIfNotYou}</Note>
    </>
  ),
  reason: 'You get this email because this address was used to sign up for AutoDoctor.',
});

export const resetPassword: MailTemplate<'reset_password'> = ({ name, url }) => ({
  subject: 'Reset your AutoDoctor password',
  preview: 'A link to choose a new password. It works once.',
  heading: 'Reset your password',
  body: (
    <>
      <Paragraph>Hi {name},</Paragraph>
      <Paragraph>
        Someone asked to reset the password of your AutoDoctor account. Choose a new one with this link; it
        works once and expires soon. Once it is changed, every other sign-in of your account ends.
      </Paragraph>
      <Action href={url} showUrl>
        Choose a new password
      </Action>
      <Note>{ignoreIfNotYou}</Note>
    </>
  ),
});

export const changeEmail: MailTemplate<'change_email'> = ({ name, newEmail, url }) => ({
  subject: 'Confirm your new email address for AutoDoctor',
  preview: `Confirm ${newEmail} as your AutoDoctor address.`,
  heading: 'Confirm your new email address',
  body: (
    <>
      <Paragraph>Hi {name},</Paragraph>
      <Paragraph>
        You asked to use <strong>{newEmail}</strong> for your AutoDoctor account. Confirm it with this link;
        until then your old address keeps working.
      </Paragraph>
      <Action href={url} showUrl>
        Confirm my new address
      </Action>
      <Note>{ignoreIfNotYou}</Note>
    </>
  ),
});

export const mechanicInvitation: MailTemplate<'mechanic_invitation'> = ({ name, url, expiresAt }) => ({
  subject: subjectLine(`${name}, you're invited to AutoDoctor`),
  preview: 'Choose a password to start answering sessions.',
  heading: 'Welcome to AutoDoctor',
  body: (
    <>
      <Paragraph>Hi {name},</Paragraph>
      <Paragraph>
        You have a mechanic account on AutoDoctor. Choose your password to sign in and start taking sessions.
      </Paragraph>
      <Action href={url} showUrl>
        Choose my password
      </Action>
      <Note>The link works once, until {formatDateTimeUtc(expiresAt)}.</Note>
    </>
  ),
  reason: 'You get this email because an AutoDoctor administrator invited this address.',
});

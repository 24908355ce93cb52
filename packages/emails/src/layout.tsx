// Compiled the same by whichever tool and tsconfig loads it (the API runs these with tsx).
/** @jsxRuntime automatic @jsxImportSource react */
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from '@react-email/components';
import type { ReactNode } from 'react';
import { colors, fontFamily, radius } from './theme.ts';

/** Why the reader gets this message, and how to stop it (optional kinds only). */
export interface MailFooter {
  /** The sentence saying why this message was sent. */
  reason: string;
  /** For optional kinds: the one-click page that turns this kind off. */
  unsubscribe?: { url: string; label: string };
}

interface MailLayoutProps {
  /** The line inboxes show after the subject. */
  preview: string;
  heading: string;
  footer: MailFooter;
  children: ReactNode;
}

/** The frame of every email: the AutoDoctor header, a card with the message, the footer. */
export function MailLayout({ preview, heading, footer, children }: MailLayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: colors.background, color: colors.foreground, fontFamily, margin: 0 }}>
        <Container style={{ maxWidth: '560px', margin: '0 auto', padding: '24px 16px' }}>
          <Section style={{ paddingBottom: '16px' }}>
            <Text style={{ margin: 0, fontSize: '18px', lineHeight: '28px', fontWeight: 600 }}>
              <span
                style={{
                  display: 'inline-block',
                  backgroundColor: colors.primary,
                  color: colors['primary-foreground'],
                  borderRadius: '6px',
                  padding: '0 8px',
                  marginRight: '8px',
                }}
                aria-hidden="true"
                data-skip-in-text="true"
              >
                AD
              </span>
              AutoDoctor
            </Text>
          </Section>
          <Section
            style={{
              backgroundColor: colors.card,
              border: `1px solid ${colors.border}`,
              borderRadius: radius,
              padding: '24px',
            }}
          >
            <Heading
              as="h1"
              style={{ fontSize: '22px', lineHeight: '30px', margin: '0 0 16px', fontWeight: 600 }}
            >
              {heading}
            </Heading>
            {children}
          </Section>
          <Section style={{ padding: '16px 8px 0' }}>
            <Text style={footerText}>{footer.reason}</Text>
            {footer.unsubscribe ? (
              <Text style={footerText}>
                Don&apos;t want these emails?{' '}
                <Link
                  href={footer.unsubscribe.url}
                  style={{ color: colors['muted-foreground'], textDecoration: 'underline' }}
                >
                  Turn off “{footer.unsubscribe.label}” emails
                </Link>
                .
              </Text>
            ) : null}
            <Text style={footerText}>AutoDoctor · remote car repair advice</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

const footerText = {
  color: colors['muted-foreground'],
  fontSize: '13px',
  lineHeight: '20px',
  margin: '0 0 8px',
};

/** A paragraph of the message. */
export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={{ fontSize: '16px', lineHeight: '24px', margin: '0 0 16px' }}>{children}</Text>;
}

/** The one thing to do: a button, with the address written out below for clients that hide it. */
export function Action({
  href,
  children,
  showUrl = false,
}: {
  href: string;
  children: string;
  showUrl?: boolean;
}) {
  return (
    <Section style={{ margin: '8px 0 16px' }}>
      <Button
        href={href}
        style={{
          backgroundColor: colors.primary,
          color: colors['primary-foreground'],
          borderRadius: '8px',
          fontSize: '16px',
          fontWeight: 600,
          padding: '12px 20px',
          textDecoration: 'none',
        }}
      >
        {children}
      </Button>
      {showUrl ? (
        <Text
          style={{
            fontSize: '13px',
            lineHeight: '20px',
            color: colors['muted-foreground'],
            margin: '12px 0 0',
          }}
        >
          Or paste this address into your browser:{' '}
          <Link href={href} style={{ color: colors.primary, wordBreak: 'break-all' }}>
            {href}
          </Link>
        </Text>
      ) : null}
    </Section>
  );
}

/** Label/value pairs (a receipt's lines, a session's summary): a real table with row headers. */
export function Facts({ rows }: { rows: readonly (readonly [label: string, value: string])[] }) {
  return (
    <>
      <Hr style={{ borderColor: colors.border, margin: '0 0 8px' }} />
      <table
        data-text-format="dataTable"
        width="100%"
        cellPadding={0}
        cellSpacing={0}
        style={{ borderCollapse: 'collapse', margin: '0 0 16px' }}
      >
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th
                scope="row"
                align="left"
                style={{
                  color: colors['muted-foreground'],
                  fontSize: '14px',
                  fontWeight: 400,
                  padding: '6px 12px 6px 0',
                  verticalAlign: 'top',
                  // As narrow as its longest label: the values get the room.
                  width: '1%',
                  whiteSpace: 'nowrap',
                }}
              >
                {label}
              </th>
              <td
                style={{ fontSize: '15px', padding: '6px 0', verticalAlign: 'top', wordBreak: 'break-word' }}
              >
                {value}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** A quieter line under the main text (what happens next, when the link expires). */
export function Note({ children }: { children: ReactNode }) {
  return (
    <Text
      style={{ fontSize: '14px', lineHeight: '22px', color: colors['muted-foreground'], margin: '0 0 8px' }}
    >
      {children}
    </Text>
  );
}

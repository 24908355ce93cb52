import { describe, expect, it } from 'vitest';
import { unsubscribeToken, unsubscribeUrls, verifyUnsubscribeToken } from './unsubscribe-token.ts';

const secret = 'test-secret-test-secret-test-secret!';

describe('unsubscribe tokens', () => {
  it('name the user and the kind, and verify with the same secret', () => {
    const token = unsubscribeToken(secret, 'user_123', 'session_live');
    expect(verifyUnsubscribeToken(secret, token)).toEqual({ userId: 'user_123', kind: 'session_live' });
  });

  it('refuse a token signed with another secret, or changed anywhere', () => {
    const token = unsubscribeToken(secret, 'user_123', 'session_live');
    expect(verifyUnsubscribeToken('another-secret-another-secret-another', token)).toBeUndefined();
    const [user, kind, mac] = token.split('.') as [string, string, string];
    const otherUser = Buffer.from('user_124').toString('base64url');
    expect(verifyUnsubscribeToken(secret, `${otherUser}.${kind}.${mac}`)).toBeUndefined();
    expect(verifyUnsubscribeToken(secret, `${user}.session_ended.${mac}`)).toBeUndefined();
    const flipped = `${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    expect(verifyUnsubscribeToken(secret, `${user}.${kind}.${flipped}`)).toBeUndefined();
  });

  it('refuse kinds that cannot be turned off, and malformed tokens', () => {
    const token = unsubscribeToken(secret, 'user_123', 'session_live');
    const [user, , mac] = token.split('.') as [string, string, string];
    for (const bad of [
      `${user}.reset_password.${mac}`,
      `${user}.session_receipt.${mac}`,
      '',
      'abc',
      `${token}.extra`,
      `${user}.session_live.${mac}=`,
      `${user}.session_live.${mac.slice(1)}`,
      'x'.repeat(300),
    ]) {
      expect(verifyUnsubscribeToken(secret, bad), bad).toBeUndefined();
    }
  });

  it('make the API one-click URL and the app page URL with the same token', () => {
    const urls = unsubscribeUrls(
      { secret, apiUrl: 'https://api.example', appUrl: 'https://app.example' },
      'user_123',
      'quote_sent',
    );
    const token = encodeURIComponent(unsubscribeToken(secret, 'user_123', 'quote_sent'));
    expect(urls).toEqual({
      oneClick: `https://api.example/api/unsubscribe?token=${token}`,
      page: `https://app.example/unsubscribe?token=${token}`,
    });
  });
});

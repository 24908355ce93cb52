import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DEVICE_PUSH_STATE_TEXT, PushSettingsView, type PushSettingsViewProps } from './push-settings.tsx';

const checked = (control: HTMLElement) => control.getAttribute('aria-checked') === 'true';
const disabled = (control: HTMLElement) => (control as HTMLButtonElement).disabled;
/** The text of what `aria-describedby` names (what a screen reader says after the label). */
const description = (control: HTMLElement) =>
  (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

function renderView(props: Partial<PushSettingsViewProps> = {}) {
  const onDeviceChange = vi.fn();
  const onPreferenceChange = vi.fn();
  render(
    <PushSettingsView
      state="off"
      busy={false}
      problem=""
      onDeviceChange={onDeviceChange}
      preferences={{ new_session: true, quote_decided: false }}
      onPreferenceChange={onPreferenceChange}
      {...props}
    />,
  );
  return {
    onDeviceChange,
    onPreferenceChange,
    device: screen.getByRole('switch', { name: 'Notify me on this device' }),
  };
}

describe('PushSettingsView', () => {
  it('off: a switch that turns this device on, described as off, and no kinds yet', async () => {
    const { onDeviceChange, device } = renderView();
    expect(checked(device)).toBe(false);
    expect(disabled(device)).toBe(false);
    expect(description(device)).toBe(DEVICE_PUSH_STATE_TEXT.off);
    expect(screen.queryByRole('switch', { name: 'New sessions in the queue' })).toBeNull();
    await userEvent.click(device);
    expect(onDeviceChange).toHaveBeenCalledWith(true);
  });

  it('on: checked, with a switch per kind as the mechanic set them', async () => {
    const { onDeviceChange, onPreferenceChange, device } = renderView({ state: 'on' });
    expect(checked(device)).toBe(true);
    expect(description(device)).toBe(DEVICE_PUSH_STATE_TEXT.on);
    expect(checked(screen.getByRole('switch', { name: 'New sessions in the queue' }))).toBe(true);
    const quotes = screen.getByRole('switch', { name: 'A customer decided a quote' });
    expect(checked(quotes)).toBe(false);
    await userEvent.click(quotes);
    expect(onPreferenceChange).toHaveBeenCalledWith('quote_decided', true);
    await userEvent.click(device);
    expect(onDeviceChange).toHaveBeenCalledWith(false);
  });

  it('unsupported, off on the server, still loading: the switch cannot be used, and says why', () => {
    for (const state of ['unsupported', 'server-off', 'loading'] as const) {
      const { device } = renderView({ state });
      expect(disabled(device)).toBe(true);
      expect(description(device)).toBe(DEVICE_PUSH_STATE_TEXT[state]);
      document.body.innerHTML = '';
    }
  });

  it('denied: off, says how to allow notifications, and may be tried again', () => {
    const { device } = renderView({ state: 'denied' });
    expect(checked(device)).toBe(false);
    expect(disabled(device)).toBe(false);
    expect(description(device)).toMatch(/allow them in its site settings/);
  });

  it('busy: the switch waits; a problem is announced', () => {
    const { device } = renderView({
      busy: true,
      problem: 'Notifications were not turned on. Too many push subscriptions',
    });
    expect(disabled(device)).toBe(true);
    expect(screen.getByRole('alert').textContent).toContain('Too many push subscriptions');
  });
});

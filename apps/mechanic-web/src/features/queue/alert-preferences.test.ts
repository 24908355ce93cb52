import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { alertPreferences, setAlertPreferences, useAlertPreferences } from './alert-preferences.ts';

afterEach(() => localStorage.clear());

describe('alert preferences', () => {
  it('are off until turned on, and remembered in the browser', () => {
    const { result } = renderHook(() => useAlertPreferences());
    expect(result.current).toEqual({ sound: false, notifications: false });
    act(() => setAlertPreferences({ sound: true }));
    expect(result.current).toEqual({ sound: true, notifications: false });
    expect(JSON.parse(localStorage.getItem('autodoctor.mechanic.alerts')!)).toEqual({
      sound: true,
      notifications: false,
    });
  });

  it('read a damaged entry as off', () => {
    localStorage.setItem('autodoctor.mechanic.alerts', '{not json');
    expect(alertPreferences()).toEqual({ sound: false, notifications: false });
    localStorage.setItem('autodoctor.mechanic.alerts', JSON.stringify({ sound: 'yes', notifications: true }));
    expect(alertPreferences()).toEqual({ sound: false, notifications: true });
  });
});

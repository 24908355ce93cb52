import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { useMutation, useQuery } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useEffect, useState } from 'react';
import { useTRPC } from '../../app/trpc.ts';
import {
  currentSubscription,
  notificationPermission,
  pushSupported,
  subscribeDevice,
  unsubscribeDevice,
} from './device-push.ts';

/**
 * Where "Notify me on this device" stands: `unsupported` (this browser has no Web Push),
 * `server-off` (the API has no VAPID keys), `denied` (the browser blocks notifications for the
 * app), `on` (this browser is subscribed with the server's key), `off`.
 */
export type DevicePushState = 'loading' | 'unsupported' | 'server-off' | 'denied' | 'on' | 'off';

/** What went wrong, in words: the API's refusal, or the browser's (its push service unreachable…). */
const reasonOf = (error: unknown) =>
  error instanceof TRPCClientError || !(error instanceof Error) ? apiErrorInfo(error).message : error.message;

/** This browser's Web Push subscription, kept in step with the API. */
export function useDevicePush() {
  const trpc = useTRPC();
  const supported = pushSupported();
  const config = useQuery({ ...trpc.mechanic.pushConfig.queryOptions(), enabled: supported });
  const { mutateAsync: subscribe } = useMutation(trpc.mechanic.subscribePush.mutationOptions());
  const { mutateAsync: unsubscribe } = useMutation(trpc.mechanic.unsubscribePush.mutationOptions());
  const [device, setDevice] = useState<'checking' | 'on' | 'off' | 'denied'>('checking');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const publicKey = config.data?.enabled ? config.data.publicKey : null;

  useEffect(() => {
    if (!publicKey) return;
    let cancelled = false;
    void currentSubscription(publicKey)
      .then((subscription) => {
        if (cancelled) return;
        if (!subscription) {
          setDevice(notificationPermission() === 'denied' ? 'denied' : 'off');
          return;
        }
        setDevice('on');
        // Sent again on each visit: bound to whoever is signed in here now, and a subscription
        // the browser renewed reaches the API. Failing, the one the API has keeps working.
        subscribe(subscription).catch(() => undefined);
      })
      .catch(() => !cancelled && setDevice('off'));
    return () => {
      cancelled = true;
    };
  }, [publicKey, subscribe]);

  async function turnOn(): Promise<void> {
    if (!publicKey) return;
    setBusy(true);
    setProblem('');
    try {
      const subscription = await subscribeDevice(publicKey);
      if (!subscription) {
        setDevice(notificationPermission() === 'denied' ? 'denied' : 'off');
        if (notificationPermission() !== 'denied') setProblem('Notifications were not allowed.');
        return;
      }
      try {
        await subscribe(subscription);
      } catch (error) {
        await unsubscribeDevice().catch(() => undefined); // not half on: the API does not know it
        throw error;
      }
      setDevice('on');
    } catch (error) {
      setProblem(`Notifications were not turned on. ${reasonOf(error)}`);
    } finally {
      setBusy(false);
    }
  }

  async function turnOff(): Promise<void> {
    setBusy(true);
    setProblem('');
    try {
      const endpoint = await unsubscribeDevice();
      setDevice('off');
      if (endpoint) await unsubscribe({ endpoint });
    } catch (error) {
      setProblem(`Notifications were not turned off everywhere. ${reasonOf(error)}`);
    } finally {
      setBusy(false);
    }
  }

  const state: DevicePushState = !supported
    ? 'unsupported'
    : !config.isSuccess
      ? 'loading'
      : !config.data.enabled
        ? 'server-off'
        : device === 'checking'
          ? 'loading'
          : device;
  return {
    state,
    busy,
    problem,
    setOn: (on: boolean) => void (on ? turnOn() : turnOff()),
  };
}

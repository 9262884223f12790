import { useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Locale, Me } from '@aftercare/contracts';
import { api } from '../../lib/api';
import { setLanguage } from '../../lib/i18n';
import { useApiError } from '../../lib/useApiError';
import { useMe, useStoreMe } from './session';

/**
 * Changes the UI language. For a signed-in person the choice is saved to their account first and applied as
 * soon as the server has it, so a reload (or another device) shows the same language. Signed out, it applies
 * at once and is remembered on this device.
 */
export function useChangeLanguage() {
  const { data: me } = useMe();
  const store = useStoreMe();
  const handleError = useApiError();
  const save = useMutation({
    mutationFn: (locale: Locale) => api.patch<Me>('/auth/me', { locale }),
    onSuccess: (updated) => {
      store(updated);
      void setLanguage(updated.locale);
    },
    onError: (error, locale) => {
      void setLanguage(locale);
      handleError(error);
    },
  });
  const { mutate } = save;
  const signedIn = !!me;
  return useCallback(
    (locale: Locale) => {
      if (signedIn) mutate(locale);
      else void setLanguage(locale);
    },
    [signedIn, mutate],
  );
}

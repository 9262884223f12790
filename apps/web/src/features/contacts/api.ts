import { useMutation } from '@tanstack/react-query';
import type { Contact, ContactCreate, ContactUpdate } from '@aftercare/contracts';
import { api } from '../../lib/api';
import { createResource } from '../../lib/resource';

export const contacts = createResource<Contact, ContactCreate, ContactUpdate>('contacts', '/contacts');

export function usePortalInvite() {
  return useMutation({
    mutationFn: (contactId: string) =>
      api.post<{ inviteUrl: string }>(`/contacts/${contactId}/portal-invite`),
  });
}

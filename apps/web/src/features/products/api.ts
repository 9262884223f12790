import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Edition, Product, ProductCreate, ProductUpdate } from '@aftercare/contracts';
import { api } from '../../lib/api';
import { createResource } from '../../lib/resource';

export const products = createResource<Product, ProductCreate, ProductUpdate>('products', '/products');

function useRefreshProduct() {
  const client = useQueryClient();
  return async (productId: string) => {
    await client.invalidateQueries({ queryKey: products.keys.one(productId) });
    await client.invalidateQueries({ queryKey: ['products', 'list'] });
    await client.invalidateQueries({ queryKey: ['history'] });
  };
}

export function useAddEdition() {
  const refresh = useRefreshProduct();
  return useMutation({
    mutationFn: ({ productId, body }: { productId: string; body: { code: string; name: string } }) =>
      api.post<Edition>(`/products/${productId}/editions`, body),
    onSuccess: (_e, { productId }) => refresh(productId),
  });
}

export function useUpdateEdition() {
  const refresh = useRefreshProduct();
  return useMutation({
    mutationFn: ({
      productId,
      editionId,
      patch,
    }: {
      productId: string;
      editionId: string;
      patch: { code?: string; name?: string; version: number };
    }) => api.patch<Edition>(`/products/${productId}/editions/${editionId}`, patch),
    onSuccess: (_e, { productId }) => refresh(productId),
  });
}

export function useDeleteEdition() {
  const refresh = useRefreshProduct();
  return useMutation({
    mutationFn: ({ productId, editionId }: { productId: string; editionId: string }) =>
      api.delete(`/products/${productId}/editions/${editionId}`),
    onSuccess: (_e, { productId }) => refresh(productId),
  });
}

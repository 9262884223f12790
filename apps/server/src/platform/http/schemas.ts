import { Type } from 'typebox';

const ref = Type.Ref('ErrorBody');
/** Error responses every route documents; bodies follow the one error shape. */
export const errors = {
  400: ref,
  401: ref,
  403: ref,
  404: ref,
  409: ref,
  413: ref,
  415: ref,
  422: ref,
  429: ref,
} as const;

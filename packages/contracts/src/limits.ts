export const Limits = {
  bodyBytes: 1_048_576,
  uploadBytes: 10 * 1_048_576,
  importRows: 20_000,
  pageSizeDefault: 20,
  pageSizeMax: 200,
  /** The last page number a list takes (its offset, page × page size, must fit the databases' integers). */
  pageMax: 1_000_000,
  passwordMin: 10,
  nameMax: 200,
  textMax: 10_000,
} as const;

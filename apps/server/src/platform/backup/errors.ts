/** A backup or restore that could not be done; the message says why and what to do. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** A reference-data file that cannot be loaded; names the file and, when known, the line. */
export class RefdataError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${message}`);
    this.name = 'RefdataError';
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An Intl.DateTimeFormat, built once per locale and options. Building one costs about a millisecond (it loads
 * the locale and time-zone data), formatting with it a few microseconds, and the formatters used on hot paths
 * (SLA dates, mail templates, bot messages) differ only by locale and time zone.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

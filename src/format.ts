import { formatLocale } from 'd3';

// d3's default locale writes the minus as U+2212; the page and its copied numbers use ASCII '-',
// as the seed's printout and the link do.
const locale = formatLocale({ decimal: '.', thousands: ',', grouping: [3], currency: ['', ''], minus: '-' });

/** Up to 7 significant digits, as the seed's printout shows float32 values; no trailing zeros. */
export const formatValue: (value: number) => string = locale.format('.7~g');

/** A temperature as a person reads it: 4 significant digits. */
export const formatTemperature: (value: number) => string = locale.format('.4~g');

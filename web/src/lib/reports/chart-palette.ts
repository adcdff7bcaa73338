/**
 * Colours of the report charts: the Okabe–Ito palette, which people with any common colour-vision
 * deficiency tell apart, at the darker end where it keeps 3:1 against the light theme's white. Lines
 * differ by dash and point shape too, so no figure depends on colour alone.
 */
export const CHART_COLOURS = {
  blue: '#0072B2',
  vermillion: '#D55E00',
  green: '#009E73',
  purple: '#CC79A7',
  black: '#000000',
  grey: '#6B7280',
} as const;

/** Ink of the charts' text and grid, as the console's. */
export const CHART_INK = { text: '#1F2937', grid: '#E5E7EB', surface: '#FFFFFF' } as const;

/** One colour per intake channel, the same on every chart; an unknown channel is grey. */
const CHANNEL_COLOURS: Readonly<Record<string, string>> = {
  phone: CHART_COLOURS.blue,
  telegram: CHART_COLOURS.vermillion,
  social: CHART_COLOURS.green,
  web: CHART_COLOURS.purple,
  open311: CHART_COLOURS.black,
};

/** The colour of a channel's slice. */
export const channelColour = (channel: string | null): string =>
  (channel && CHANNEL_COLOURS[channel]) || CHART_COLOURS.grey;

/** The nations of the UK, whose law differs: a framework's legal basis and a council's exemption notice follow it. */
export const NATIONS = ['england', 'wales', 'scotland', 'northern-ireland'] as const;
export type Nation = (typeof NATIONS)[number];

/** The source of "now", injected so deadline tests run in milliseconds. */
export type Clock = () => Date;

/** The wall clock. */
export const systemClock: Clock = () => new Date();

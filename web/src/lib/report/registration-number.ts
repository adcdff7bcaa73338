/**
 * What the server accepts as a registration number whatever REGISTRATION_NUMBER_FORMAT says
 * (`2026-000123`, `109-26-000123`): groups of letters and digits joined by - or /, with a run of at
 * least four digits. The server's REGISTRATION_NUMBER_LIKE, copied because the browser may not load
 * server code; a unit test keeps the two equal.
 */
export const REGISTRATION_NUMBER = /^(?=\S*[0-9]{4})[0-9A-Za-z]{1,10}(?:[/-][0-9A-Za-z]{1,10}){1,3}$/;

/** Whether `text` is shaped like a registration number (the server's own rule). */
export const isRegistrationNumber = (text: string): boolean => REGISTRATION_NUMBER.test(text);

/**
 * What a resident typed or pasted, tidied: spaces dropped and any dash (–, —, −) made a hyphen, so
 * "2026 – 000123" finds 2026-000123. The result may still be malformed; check it with
 * isRegistrationNumber.
 */
export const normalizeRegistrationNumber = (text: string): string =>
  text.replace(/\s+/g, '').replace(/[\u2010-\u2015\u2212]/g, '-');
